#ifndef LOUPE_FUZZ_DRIVER_H
#define LOUPE_FUZZ_DRIVER_H

/// Runs libFuzzer on `LLVMFuzzerTestOneInput` (defined in Swift) with the command line's options.
/// The executable keeps its own `main`, which SwiftPM requires; libFuzzer's is not linked.
int loupe_fuzz_run(int argc, char **argv);

#endif
