#include "kosh/ingest/csv.hpp"

#include <cstring>

#include <fmt/format.h>

#include "kosh/core/text.hpp"

namespace kosh::ingest {
namespace {
constexpr std::size_t kChunk = 1 << 20;
}  // namespace

CsvReader::CsvReader(ByteSource& source, CsvOptions options) : source_(source), options_(options) {}

Status CsvReader::ErrorAt(std::size_t field, std::string message) const {
  return DataError(std::move(message), Location{source_.name(), record_line_,
                                                static_cast<std::int64_t>(field) + 1, ""});
}

Status CsvReader::ErrorAtLine(std::string message) const {
  return DataError(std::move(message), Location{source_.name(), record_line_, 0, ""});
}

bool CsvReader::Fill() {
  if (pos_ > 0 && pos_ >= buffer_.size() / 2) {
    buffer_.erase(0, pos_);
    scan_ -= pos_;
    pos_ = 0;
  }
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  const std::size_t n = source_.Read(buffer_.data() + old, kChunk);
  buffer_.resize(old + n);
  if (!source_.status().ok()) {
    status_ = source_.status();
    return false;
  }
  return n > 0;
}

bool CsvReader::Next() {
  if (!status_.ok()) {
    return false;
  }
  if (!started_) {
    started_ = true;
    Fill();
    if (!status_.ok()) {
      return false;
    }
    if (buffer_.size() >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) {
      pos_ = scan_ = 3;
    }
  }
  while (true) {
    // Find the end of the record starting at pos_: a newline outside quotes.
    std::size_t end = std::string::npos;
    std::size_t i = scan_;
    const std::size_t n = buffer_.size();
    const char* data = buffer_.data();
    const char delim = options_.delimiter;
    // States: 0 field start, 1 unquoted field, 2 inside quotes, 3 quote seen inside quotes.
    int state = scan_state_;
    while (i < n) {
      const char c = data[i];
      if (state == 2) {
        if (c == '"') {
          state = 3;
        }
      } else if (c == '\n') {
        end = i;
        break;
      } else if (c == delim) {
        state = 0;
      } else if (c == '"') {
        state = (state == 0) ? 2 : (state == 3 ? 2 : 1);
      } else {
        state = 1;
      }
      ++i;
    }
    scan_state_ = state;
    scan_ = i;
    if (end == std::string::npos) {
      if (i - pos_ > options_.max_record_bytes) {
        record_line_ = next_line_;
        status_ = ErrorAtLine(fmt::format("record longer than {} bytes (unbalanced quote?)",
                                          options_.max_record_bytes));
        return false;
      }
      if (Fill()) {
        continue;
      }
      if (!status_.ok()) {
        return false;
      }
      if (pos_ >= buffer_.size()) {
        return false;  // clean end of input
      }
      if (scan_state_ == 2) {
        record_line_ = next_line_;
        status_ = ErrorAtLine("unterminated quoted field at end of file");
        return false;
      }
      end = buffer_.size();   // last record without a final newline
      data = buffer_.data();  // Fill() may have moved the buffer
    }
    const std::size_t record_end = end;
    const bool blank = [&] {
      for (std::size_t k = pos_; k < record_end; ++k) {
        if (data[k] != '\r' && data[k] != ' ' && data[k] != '\t') {
          return false;
        }
      }
      return true;
    }();
    record_line_ = next_line_;
    for (std::size_t k = pos_; k < record_end; ++k) {
      next_line_ += (data[k] == '\n') ? 1 : 0;
    }
    next_line_ += 1;
    if (blank) {
      pos_ = scan_ = std::min(record_end + 1, buffer_.size());
      scan_state_ = 0;
      continue;
    }
    const bool ok = ParseRecord(record_end);
    pos_ = scan_ = std::min(record_end + 1, buffer_.size());
    scan_state_ = 0;
    return ok;
  }
}

bool CsvReader::ParseRecord(std::size_t end) {
  std::size_t stop = end;
  if (stop > pos_ && buffer_[stop - 1] == '\r') {
    --stop;
  }
  const std::string_view raw(buffer_.data() + pos_, stop - pos_);
  record_.clear();
  offsets_.clear();
  fields_.clear();
  std::size_t i = 0;
  std::size_t field_index = 0;
  while (true) {
    const std::size_t field_start = record_.size();
    offsets_.push_back(field_start);
    if (i < raw.size() && raw[i] == '"') {
      ++i;
      while (true) {
        if (i >= raw.size()) {
          status_ = ErrorAt(field_index, "unterminated quoted field");
          return false;
        }
        const char c = raw[i];
        if (c == '"') {
          if (i + 1 < raw.size() && raw[i + 1] == '"') {
            record_.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        record_.push_back(c);
        ++i;
      }
      if (i < raw.size() && raw[i] != options_.delimiter) {
        status_ = ErrorAt(field_index, "unexpected character after a closing quote");
        return false;
      }
    } else {
      const std::size_t next = raw.find(options_.delimiter, i);
      const std::size_t stop_at = next == std::string_view::npos ? raw.size() : next;
      record_.append(raw.substr(i, stop_at - i));
      i = stop_at;
    }
    if (record_.size() - field_start > options_.max_field_bytes) {
      status_ =
          ErrorAt(field_index, fmt::format("field longer than {} bytes", options_.max_field_bytes));
      return false;
    }
    if (i >= raw.size()) {
      break;
    }
    ++i;  // the delimiter
    ++field_index;
    if (i == raw.size()) {
      offsets_.push_back(record_.size());  // trailing empty field
      break;
    }
  }
  if (const auto bad = text::FindInvalidUtf8(record_)) {
    std::size_t field = 0;
    while (field + 1 < offsets_.size() && offsets_[field + 1] <= *bad) {
      ++field;
    }
    status_ =
        ErrorAt(field, "invalid UTF-8 (is the file in another encoding? convert it to UTF-8)");
    return false;
  }
  offsets_.push_back(record_.size());
  for (std::size_t f = 0; f + 1 < offsets_.size(); ++f) {
    fields_.emplace_back(record_.data() + offsets_[f], offsets_[f + 1] - offsets_[f]);
  }
  return true;
}

Header::Header(const std::vector<std::string_view>& names) {
  for (std::string_view name : names) {
    names_.emplace_back(text::Trim(name));
    folded_.push_back(text::FoldForLookup(name));
  }
}

int Header::Find(std::string_view name) const {
  const std::string folded = text::FoldForLookup(name);
  for (std::size_t i = 0; i < folded_.size(); ++i) {
    if (folded_[i] == folded) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace kosh::ingest
