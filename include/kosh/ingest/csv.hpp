// CsvReader: a streaming RFC 4180 reader with the tolerance real statistical files need —
// UTF-8 BOM, CRLF, quoted fields with embedded delimiters, quotes and newlines, blank lines,
// preamble lines before the header — and the strictness diagnostics need: every record
// knows its physical line, invalid UTF-8 and oversized fields are errors with a location.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kosh/core/status.hpp"
#include "kosh/ingest/byte_source.hpp"

namespace kosh::ingest {

struct CsvOptions {
  char delimiter = ',';
  std::size_t max_field_bytes = 1 << 20;  // a "huge field" beyond this is an error
  std::size_t max_record_bytes = 16 << 20;
};

class CsvReader {
 public:
  explicit CsvReader(ByteSource& source, CsvOptions options = {});

  // Advances to the next non-blank record. Returns false at the end of input or on an
  // error; status() tells which.
  bool Next();

  std::size_t size() const { return fields_.size(); }
  std::string_view operator[](std::size_t i) const { return fields_[i]; }
  const std::vector<std::string_view>& fields() const { return fields_; }

  // 1-based physical line where the current record starts.
  std::int64_t line() const { return record_line_; }
  const Status& status() const { return status_; }
  const std::string& file_name() const { return source_.name(); }
  ByteSource& source() { return source_; }

  // A data error located at the current record and field (0-based `field`, shown 1-based).
  Status ErrorAt(std::size_t field, std::string message) const;
  Status ErrorAtLine(std::string message) const;

 private:
  bool Fill();
  bool ParseRecord(std::size_t end);

  ByteSource& source_;
  CsvOptions options_;
  std::string buffer_;    // unconsumed bytes
  std::size_t pos_ = 0;   // start of the next record in buffer_
  std::size_t scan_ = 0;  // how far the record-end search got
  int scan_state_ = 0;
  std::int64_t next_line_ = 1;
  std::int64_t record_line_ = 0;
  bool started_ = false;
  std::string record_;  // unescaped fields of the current record, back to back
  std::vector<std::string_view> fields_;
  std::vector<std::size_t> offsets_;
  Status status_;
};

// Column lookup by header name (case-insensitive, trimmed).
class Header {
 public:
  explicit Header(const std::vector<std::string_view>& names);
  // Index of the column, or -1.
  int Find(std::string_view name) const;
  const std::vector<std::string>& names() const { return names_; }
  std::size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;  // as written (trimmed)
  std::vector<std::string> folded_;
};

}  // namespace kosh::ingest
