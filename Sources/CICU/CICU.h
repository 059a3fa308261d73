// The ICU headers Loupe uses. Only ICUBridge includes this module: Swift code never sees ICU types,
// because ICU's UErrorCode clashes with Foundation's when both are imported in one Swift file.
#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uloc.h>
#include <unicode/ucurr.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/uenum.h>
#include <unicode/ucnv.h>
