#include "kosh/ingest/byte_source.hpp"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>

#include "kosh/core/status_macros.hpp"

namespace kosh::ingest {

struct ByteSource::HashState {
  crypto_hash_sha256_state state;
};

namespace {

std::string Hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xF];
  }
  return out;
}

}  // namespace

ByteSource::ByteSource(std::string name, std::FILE* file, std::string memory, std::int64_t size)
    : name_(std::move(name)),
      file_(file),
      memory_(std::move(memory)),
      size_bytes_(size),
      hash_(std::make_unique<HashState>()) {
  crypto_hash_sha256_init(&hash_->state);
}

ByteSource::~ByteSource() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

Result<std::unique_ptr<ByteSource>> ByteSource::OpenFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int err = errno;
    const std::string message = fmt::format("{}: cannot open: {}", path, std::strerror(err));
    if (err == ENOENT) {
      return Status(StatusCode::kNotFound, message);
    }
    return Internal(message);
  }
  struct stat info {};
  std::int64_t size = -1;
  if (fstat(fileno(file), &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      std::fclose(file);
      return InvalidArgument(fmt::format("{}: is a directory, not a file", path));
    }
    if (S_ISREG(info.st_mode)) {
      size = static_cast<std::int64_t>(info.st_size);
    }
  }
  return std::unique_ptr<ByteSource>(new ByteSource(path, file, {}, size));
}

std::unique_ptr<ByteSource> ByteSource::FromString(std::string bytes, std::string name) {
  const auto size = static_cast<std::int64_t>(bytes.size());
  return std::unique_ptr<ByteSource>(
      new ByteSource(std::move(name), nullptr, std::move(bytes), size));
}

std::size_t ByteSource::Read(char* out, std::size_t capacity) {
  if (at_end_ || capacity == 0) {
    return 0;
  }
  std::size_t n = 0;
  if (file_ != nullptr) {
    n = std::fread(out, 1, capacity, file_);
    if (n < capacity) {
      if (std::ferror(file_) != 0) {
        status_ = Internal(fmt::format("{}: read error: {}", name_, std::strerror(errno)));
      }
      if (n == 0) {
        at_end_ = true;
      }
    }
  } else {
    n = std::min(capacity, memory_.size() - memory_pos_);
    std::memcpy(out, memory_.data() + memory_pos_, n);
    memory_pos_ += n;
    if (n == 0) {
      at_end_ = true;
    }
  }
  if (n > 0) {
    crypto_hash_sha256_update(&hash_->state, reinterpret_cast<const unsigned char*>(out), n);
    bytes_read_ += static_cast<std::int64_t>(n);
  }
  return n;
}

std::string ByteSource::Sha256Hex() const {
  crypto_hash_sha256_state copy = hash_->state;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&copy, digest);
  return Hex(digest, sizeof digest);
}

Result<std::string> Sha256OfFile(const std::string& path) {
  KOSH_ASSIGN_OR_RETURN(auto source, ByteSource::OpenFile(path));
  std::vector<char> buffer(1 << 20);
  while (source->Read(buffer.data(), buffer.size()) > 0) {
  }
  if (!source->status().ok()) {
    return source->status();
  }
  return source->Sha256Hex();
}

}  // namespace kosh::ingest
