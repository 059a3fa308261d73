// libxml2's HTML parser (libxml2-dev, pkg-config libxml-2.0), used by Ingest to read web pages.
// Only Ingest's HTML files import this module.
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
