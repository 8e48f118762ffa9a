// The Kazakhstan brief on the embedded data, per language, against reviewed golden files
// (tests/brief/golden/KAZ.<lang>.md). After an intended change, regenerate them with
//   KOSH_UPDATE_GOLDEN=1 ctest -R Golden
// and review the diff like code.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int Shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
}

class GoldenBriefTest : public ::testing::TestWithParam<const char*> {
 protected:
  static void SetUpTestSuite() {
    char dir_template[] = "/tmp/kosh_golden_XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    init_status_ = Shell(std::string(KOSH_BINARY) + " init --embedded --store " + dir_ +
                         "/kosh.db >/dev/null 2>" + dir_ + "/init.err");
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  static inline std::string dir_;
  static inline int init_status_ = -1;
};

TEST_P(GoldenBriefTest, KazakhstanBriefMatchesTheGoldenFile) {
  ASSERT_EQ(init_status_, 0) << ReadAll(dir_ + "/init.err");
  const std::string lang = GetParam();
  const std::string out = dir_ + "/KAZ." + lang + ".md";
  ASSERT_EQ(Shell(std::string(KOSH_BINARY) + " brief KAZ --lang " + lang + " --store " + dir_ +
                  "/kosh.db >" + out + " 2>" + dir_ + "/brief.err"),
            0)
      << ReadAll(dir_ + "/brief.err");
  const fs::path golden =
      fs::path(KOSH_TEST_FIXTURES).parent_path() / "brief" / "golden" / ("KAZ." + lang + ".md");
  const std::string actual = ReadAll(out);
  if (const char* update = std::getenv("KOSH_UPDATE_GOLDEN"); update != nullptr && *update == '1') {
    std::ofstream(golden, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << golden;
  }
  const std::string expected = ReadAll(golden);
  ASSERT_FALSE(expected.empty()) << golden << " is missing; run with KOSH_UPDATE_GOLDEN=1";
  if (actual != expected) {
    const fs::path kept = fs::temp_directory_path() / ("kosh-brief-KAZ." + lang + ".md");
    fs::copy_file(out, kept, fs::copy_options::overwrite_existing);
    FAIL() << "the " << lang << " brief differs from " << golden << "; see: diff " << golden << " "
           << kept;
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, GoldenBriefTest, ::testing::Values("en", "ru", "kk"));

}  // namespace
