// libxml2's HTML parser (libxml2-dev, pkg-config libxml-2.0), used by Ingest to read web pages.
// Only Ingest's HTML files import this module.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU support, and its encoding.h then includes ICU's headers, whose
// UErrorCode clashes with the one Foundation bundles in any Swift file that imports both (the reason
// ICUBridge exists). Loupe never touches libxml2's ICU converter fields (the tail of
// xmlCharEncodingHandler, only ever used through a pointer), so the module leaves them out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
