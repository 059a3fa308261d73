#include "ICUBridge.h"
// The same headers as the CICU system library module (Sources/CICU/CICU.h).
#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uloc.h>
#include <unicode/ucurr.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/uenum.h>
#include <unicode/ucnv.h>
#include <stdlib.h>
#include <string.h>

struct LoupeWordBreaker { UBreakIterator *iterator; };

LoupeWordBreaker *loupe_word_breaker_open(void) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_WORD, "fr", NULL, 0, &status);
    if (U_FAILURE(status)) return NULL;
    LoupeWordBreaker *b = malloc(sizeof *b);
    if (!b) { ubrk_close(it); return NULL; }
    b->iterator = it;
    return b;
}

void loupe_word_breaker_close(LoupeWordBreaker *breaker) {
    if (!breaker) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

int32_t loupe_word_breaker_run(LoupeWordBreaker *breaker, const uint16_t *text, int32_t length,
                               int32_t *boundaries, int32_t *statuses, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t n = 0;
    for (int32_t b = ubrk_first(breaker->iterator); b != UBRK_DONE; b = ubrk_next(breaker->iterator)) {
        if (n < capacity) {
            boundaries[n] = b;
            statuses[n] = n == 0 ? 0 : ubrk_getRuleStatus(breaker->iterator);
        }
        n++;
    }
    return n <= capacity ? n : -n;
}

static int32_t normalize(const UNormalizer2 *norm, UErrorCode status, const uint16_t *text, int32_t length,
                         uint16_t *out, int32_t capacity) {
    if (U_FAILURE(status)) return INT32_MIN;
    int32_t n = unorm2_normalize(norm, (const UChar *)text, length, (UChar *)out, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -n;
    if (U_FAILURE(status)) return INT32_MIN;
    return n;
}

int32_t loupe_nfc(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFCInstance(&status);
    return normalize(norm, status, text, length, out, capacity);
}

int32_t loupe_nfd(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFDInstance(&status);
    return normalize(norm, status, text, length, out, capacity);
}

static int32_t count_list(const char *const *list) {
    int32_t n = 0;
    while (list[n] != NULL) n++;
    return n;
}

int32_t loupe_region_count(void) { return count_list(uloc_getISOCountries()); }
const char *loupe_region_code(int32_t index) { return uloc_getISOCountries()[index]; }
const char *loupe_region_iso3(int32_t index) {
    char locale[16] = "und_";
    strncat(locale, uloc_getISOCountries()[index], sizeof locale - 5);
    return uloc_getISO3Country(locale);
}

int32_t loupe_region_name(const char *region, const char *displayLocale, uint16_t *out, int32_t capacity) {
    char locale[32] = "und_";
    strncat(locale, region, sizeof locale - 5);
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = uloc_getDisplayCountry(locale, displayLocale, (UChar *)out, capacity, &status);
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) return -1;
    return n;
}

int32_t loupe_language_count(void) { return count_list(uloc_getISOLanguages()); }
const char *loupe_language_code(int32_t index) { return uloc_getISOLanguages()[index]; }

int32_t loupe_language_name(const char *language, const char *displayLocale, uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = uloc_getDisplayLanguage(language, displayLocale, (UChar *)out, capacity, &status);
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) return -1;
    return n;
}

int32_t loupe_currency_name(int32_t index, const char *displayLocale, uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration *codes = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
    if (U_FAILURE(status)) return -1;
    const char *code = NULL;
    for (int32_t i = 0; i <= index; i++) {
        code = uenum_next(codes, NULL, &status);
        if (code == NULL || U_FAILURE(status)) { uenum_close(codes); return -1; }
    }
    UChar ucode[4];
    u_charsToUChars(code, ucode, 3);
    ucode[3] = 0;
    int32_t len = 0;
    UBool isChoice = 0;
    const UChar *name = ucurr_getName(ucode, displayLocale, UCURR_LONG_NAME, &isChoice, &len, &status);
    uenum_close(codes);
    if (U_FAILURE(status) || name == NULL) return -1;
    if (len > capacity) len = capacity;
    memcpy(out, name, (size_t)len * sizeof(UChar));
    return len;
}

int32_t loupe_convert_to_utf8(const char *charset, const uint8_t *bytes, int32_t length, uint8_t *out, int32_t capacity,
                              int32_t *substitutions) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *from = ucnv_open(charset, &status);
    if (U_FAILURE(status) || from == NULL) return INT32_MIN;
    // Count the bytes ICU replaces with U+FFFD (its default substitution) so the caller can warn.
    const char *source = (const char *)bytes, *sourceLimit = source + length;
    int32_t written = 0, replaced = 0;
    UChar buffer[1024];
    int32_t carried = 0;  // a lead surrogate held over to the next chunk
    char *target = (char *)out, *targetLimit = target + capacity;
    for (;;) {
        UChar *u = buffer + carried;
        status = U_ZERO_ERROR;
        ucnv_toUnicode(from, &u, buffer + 1024, &source, sourceLimit, NULL, 1, &status);
        if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) { ucnv_close(from); return INT32_MIN; }
        for (UChar *k = buffer + carried; k < u; k++) if (*k == 0xFFFD) replaced++;
        int32_t count = (int32_t)(u - buffer);
        int32_t hold = (source < sourceLimit && count > 0 && U16_IS_LEAD(buffer[count - 1])) ? 1 : 0;
        int32_t n = 0;
        UErrorCode s2 = U_ZERO_ERROR;
        u_strToUTF8WithSub(target, (int32_t)(targetLimit - target), &n, buffer, count - hold, 0xFFFD, NULL, &s2);
        if (U_FAILURE(s2) || n > targetLimit - target) { ucnv_close(from); return INT32_MIN + 1; }
        target += n;
        written += n;
        if (hold) buffer[0] = buffer[count - 1];
        carried = hold;
        if (source >= sourceLimit && status != U_BUFFER_OVERFLOW_ERROR) break;
    }
    ucnv_close(from);
    if (substitutions) *substitutions = replaced;
    return written;
}

int32_t loupe_charset_known(const char *charset) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *c = ucnv_open(charset, &status);
    if (U_FAILURE(status) || c == NULL) return 0;
    ucnv_close(c);
    return 1;
}
