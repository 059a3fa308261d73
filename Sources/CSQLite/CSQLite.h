// System SQLite (libsqlite3-dev), for the bulk inserts of Storage; everything else goes through GRDB.
#include <sqlite3.h>
