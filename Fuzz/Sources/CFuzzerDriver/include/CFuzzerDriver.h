#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (linked by `-sanitize=fuzzer`): runs `callback` on generated inputs with the
/// usual libFuzzer command line. Used instead of libFuzzer's own `main`, which SwiftPM's
/// executable targets replace with theirs.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
