import FuzzDriver
import Foundation

// libFuzzer ends with exit(): the scratch files in /dev/shm go with it.
atexit { for path in [scratch.txt, scratch.md, scratch.jsonl] { unlink(path) } }
exit(loupe_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv))
