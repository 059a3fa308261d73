#ifndef LOUPE_ICU_BRIDGE_H
#define LOUPE_ICU_BRIDGE_H
// Plain-C face of the ICU calls Loupe needs. No ICU type appears here, so Swift files that import
// Foundation can import this module too. Text is UTF-16; results are UTF-16 offsets.
#include <stdint.h>

/// Asks the CPU to fetch the cache line at `address` (not ICU: the one compiler intrinsic Swift lacks,
/// used by the tagger to look its feature weights up many at a time).
static inline void loupe_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// An opaque ICU word-break iterator, one per thread (ICU iterators are not thread-safe).
typedef struct LoupeWordBreaker LoupeWordBreaker;

/// Opens a word-break iterator with French rules; NULL on failure.
LoupeWordBreaker *loupe_word_breaker_open(void);
void loupe_word_breaker_close(LoupeWordBreaker *breaker);

/// Writes the boundaries of `text` (including 0 and `length`) into `boundaries`, and for each segment
/// that ends at boundaries[i] (i >= 1) its ICU rule status into statuses[i] (0 none/space/punct,
/// 100 number, 200 letter, 300 kana, 400 ideographic). Returns the number of boundaries written,
/// or -1 on an ICU error, or -(needed) when capacity is too small.
int32_t loupe_word_breaker_run(LoupeWordBreaker *breaker, const uint16_t *text, int32_t length,
                               int32_t *boundaries, int32_t *statuses, int32_t capacity);

/// NFC of `text` into `out`; returns the length written, or -(needed) if capacity is too small, or INT32_MIN on error.
int32_t loupe_nfc(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity);

/// NFD of `text` into `out` (same conventions as loupe_nfc).
int32_t loupe_nfd(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity);

/// Number of ISO 3166 region codes ICU knows, and the i-th one (two letters, static storage).
int32_t loupe_region_count(void);
const char *loupe_region_code(int32_t index);
/// The three-letter ISO 3166 code of the i-th region ("USA", "FRA"; static storage, empty when none).
const char *loupe_region_iso3(int32_t index);

/// Display name of `region` (ISO code such as "FR" or UN M.49 code such as "002") in the language of
/// `displayLocale` ("fr"), as UTF-16. Returns the length, 0 when ICU has no name but echoes the code, -1 on error.
int32_t loupe_region_name(const char *region, const char *displayLocale, uint16_t *out, int32_t capacity);

/// Number of ISO 639 language codes ICU knows, the i-th one, and its display name (same conventions).
int32_t loupe_language_count(void);
const char *loupe_language_code(int32_t index);
int32_t loupe_language_name(const char *language, const char *displayLocale, uint16_t *out, int32_t capacity);

/// Currency names: fills `out` with the display name (in `displayLocale`) of the index-th ISO 4217 code
/// that ICU knows as current; returns the length, -1 past the end.
int32_t loupe_currency_name(int32_t index, const char *displayLocale, uint16_t *out, int32_t capacity);

/// Converts `bytes` in `charset` (any name ICU's converters know: "ISO-8859-2", "windows-1250", "koi8-r",
/// "Shift_JIS"…) to UTF-8 in `out`. Bytes the charset does not define become U+FFFD, counted in
/// `*substitutions`. Returns the bytes written; INT32_MIN for an unknown charset or a conversion error,
/// INT32_MIN + 1 when `capacity` is too small (3 × length + 4 always suffices).
int32_t loupe_convert_to_utf8(const char *charset, const uint8_t *bytes, int32_t length, uint8_t *out, int32_t capacity,
                              int32_t *substitutions);

/// 1 when ICU has a converter for `charset`, else 0.
int32_t loupe_charset_known(const char *charset);

#endif
