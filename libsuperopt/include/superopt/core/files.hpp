// Output files that are never left half-written: every command and the experiment
// runner write through these.
#pragma once

#include <string>

namespace superopt {

// Writes `content` to `path` through a temporary file renamed into place, so the
// path never holds a half-written file. Throws std::runtime_error with the path.
void writeFileAtomic(const std::string& path, const std::string& content);
// Throws what writeFileAtomic would when `path`'s directory is missing or not
// writable: for commands to check their outputs before a long run, not after it.
void checkWritable(const std::string& path);

} // namespace superopt
