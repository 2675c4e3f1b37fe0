// A file in the temporary directory, named after the test process, that lives as long
// as the object: tests leave nothing behind, even when a check fails.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace testing {

struct TempFile {
    std::string path;
    TempFile(const std::string& name, const std::string& text)
        : path((std::filesystem::temp_directory_path() /
                ("superopt_test_" + std::to_string(::getpid()) + "_" + name))
                   .string()) {
        std::ofstream(path) << text;
    }
    ~TempFile() { std::filesystem::remove(path); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
};

} // namespace testing
