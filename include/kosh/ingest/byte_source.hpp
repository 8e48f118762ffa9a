// ByteSource: the bytes of one input, read in chunks and hashed (SHA-256) as they pass, so
// a reader never holds the whole file and the store learns the file's identity in the
// same pass.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "kosh/core/result.hpp"

namespace kosh::ingest {

class ByteSource {
 public:
  // Opens a file for reading. kNotFound if it does not exist, kInternal on other I/O errors.
  static Result<std::unique_ptr<ByteSource>> OpenFile(const std::string& path);
  // In-memory bytes (tests and fuzzing); `name` appears in messages.
  static std::unique_ptr<ByteSource> FromString(std::string bytes, std::string name);

  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  // Copies up to `capacity` bytes into `out`; returns 0 at end of input. I/O errors are
  // recorded in status().
  std::size_t Read(char* out, std::size_t capacity);

  const std::string& name() const { return name_; }
  std::int64_t bytes_read() const { return bytes_read_; }
  std::int64_t size_bytes() const { return size_bytes_; }  // -1 when unknown (pipes)
  bool at_end() const { return at_end_; }
  const Status& status() const { return status_; }

  // Lower-case hex SHA-256 of every byte read so far; call after the end of input.
  std::string Sha256Hex() const;

 private:
  ByteSource(std::string name, std::FILE* file, std::string memory, std::int64_t size);

  std::string name_;
  std::FILE* file_ = nullptr;
  std::string memory_;
  std::size_t memory_pos_ = 0;
  std::int64_t bytes_read_ = 0;
  std::int64_t size_bytes_ = -1;
  bool at_end_ = false;
  Status status_;
  struct HashState;
  std::unique_ptr<HashState> hash_;
};

// SHA-256 of a whole file, streamed; used to recognise an already imported file early.
Result<std::string> Sha256OfFile(const std::string& path);

}  // namespace kosh::ingest
