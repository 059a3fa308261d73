import FuzzDriver
import Foundation

exit(loupe_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv))
