// Output files that are never left half-written: every command and the experiment
// runner write through these.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace superopt {

// Writes `content` to `path` through a temporary file renamed into place, so the
// path never holds a half-written file. Throws std::runtime_error with the path.
void writeFileAtomic(const std::string& path, const std::string& content);
// The same with the content streamed by `write`: for files too large to hold twice in
// memory (the prover's table).
void writeFileAtomic(const std::string& path, const std::function<void(std::ostream&)>& write);
// Throws what writeFileAtomic would when `path`'s directory is missing or not
// writable: for commands to check their outputs before a long run, not after it.
void checkWritable(const std::string& path);

} // namespace superopt
