#include <catch2/catch.hpp>

#include <string>

#include "dynamap/regex.hpp"

using dynamap::regex;

namespace {

bool matches(const std::string& pattern, const std::string& text) {
  std::string error;
  const auto re = regex::compile(pattern, error);
  INFO("pattern " << pattern << ": " << error);
  REQUIRE(re.has_value());
  return re->search(text);
}

// The compile error for a pattern the dialect refuses; empty if it compiled.
std::string refusal(const std::string& pattern) {
  std::string error;
  const auto re = regex::compile(pattern, error);
  return re ? std::string() : error;
}

bool compiles(const std::string& pattern) { return refusal(pattern).empty(); }

}  // namespace

TEST_CASE("regex literals and concatenation search anywhere in the text", "[regex]") {
  CHECK(matches("abc", "abc"));
  CHECK(matches("abc", "xxabcxx"));
  CHECK_FALSE(matches("abc", "ab"));
  CHECK_FALSE(matches("abc", "ABC"));
  CHECK(matches("", ""));
  CHECK(matches("", "anything"));
  CHECK(matches("a/b", "a/b"));
  CHECK(matches("é😀", "xé😀"));
}

TEST_CASE("regex dot excludes only line terminators", "[regex]") {
  CHECK(matches("^.$", "a"));
  CHECK(matches("^.$", "\t"));
  CHECK(matches("^.$", std::string(1, '\0')));
  CHECK(matches("^.$", "\xC2\x85"));  // U+0085 is not an ECMAScript line terminator
  CHECK_FALSE(matches("^.$", "\n"));
  CHECK_FALSE(matches("^.$", "\r"));
  CHECK_FALSE(matches("^.$", "\xE2\x80\xA8"));  // U+2028
  CHECK_FALSE(matches("^.$", "\xE2\x80\xA9"));  // U+2029
  CHECK_FALSE(matches("^.$", ""));
}

TEST_CASE("regex anchors are input boundaries, never line boundaries", "[regex]") {
  CHECK(matches("^a", "ab"));
  CHECK_FALSE(matches("^a", "ba"));
  CHECK_FALSE(matches("^a", "b\na"));
  CHECK(matches("a$", "ba"));
  CHECK_FALSE(matches("a$", "a\n"));
  CHECK(matches("^$", ""));
  CHECK_FALSE(matches("^$", "\n"));
  CHECK(matches("$^", ""));
  CHECK_FALSE(matches("a^", "aa"));
  CHECK(matches("(?:^|x)y", "xy"));
  CHECK(matches("(?:^|x)y", "y"));
  CHECK_FALSE(matches("(?:^|x)y", "zy"));
}

TEST_CASE("regex character classes", "[regex]") {
  CHECK(matches("^[abc]+$", "cab"));
  CHECK_FALSE(matches("^[abc]+$", "cabd"));
  CHECK(matches("^[a-z0-9_]+$", "snake_case_9"));
  CHECK_FALSE(matches("^[^a-z]$", "q"));
  CHECK(matches("^[^a-z]$", "Q"));
  CHECK(matches("^[^a-z]$", "\n"));  // a negated class includes line terminators
  // '-' is literal first, last, escaped, or after a range.
  CHECK(matches("^[-a]$", "-"));
  CHECK(matches("^[a-]$", "-"));
  CHECK(matches("^[\\-]$", "-"));
  CHECK(matches("^[a-c-e]$", "-"));
  CHECK_FALSE(matches("^[a-c-e]$", "d"));
  CHECK(matches("^[--/]$", "."));
  CHECK(matches("^[\\d-]$", "-"));
  // Escapes inside a class.
  CHECK(matches("^[\\]]$", "]"));
  CHECK(matches("^[\\\\]$", "\\"));
  CHECK(matches("^[\\b]$", "\b"));
  CHECK(matches("^[\\t\\n]$", "\n"));
  CHECK(matches("^[\\x41-\\x43]$", "B"));
  CHECK(matches("^[\\u{1F600}-\\u{1F64F}]$", "\xF0\x9F\x98\x81"));  // U+1F601
  CHECK(matches("^[\\uD83D\\uDE00-\\uD83D\\uDE4F]$", "\xF0\x9F\x98\x81"));
  CHECK(matches("^[.*+?]+$", ".*+?"));
  CHECK(matches("^[[]$", "["));
  // [] matches nothing and [^] anything.
  CHECK_FALSE(matches("[]", ""));
  CHECK_FALSE(matches("[]", "abc"));
  CHECK(matches("^[^]$", "\n"));
  CHECK_FALSE(matches("^[^\\s\\S]$", "a"));
}

TEST_CASE("regex \\d \\w \\s follow ECMAScript", "[regex]") {
  CHECK(matches("^\\d+$", "0123456789"));
  CHECK_FALSE(matches("^\\d$", "\xD9\xA3"));  // ARABIC-INDIC DIGIT THREE
  CHECK(matches("^\\D$", "x"));
  CHECK(matches("^\\w+$", "A_z9"));
  CHECK_FALSE(matches("^\\w$", "\xC3\xA9"));  // é
  CHECK(matches("^\\W$", "\xC3\xA9"));
  for (const char* space : {"\t", "\n", "\v", "\f", "\r", " ", "\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\x80",
                            "\xE2\x80\x8A", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F",
                            "\xE3\x80\x80", "\xEF\xBB\xBF"}) {
    INFO(space);
    CHECK(matches("^\\s$", space));
    CHECK_FALSE(matches("^\\S$", space));
  }
  CHECK_FALSE(matches("^\\s$", "\xE1\xA0\x8E"));  // U+180E left Zs in Unicode 6.3
  CHECK_FALSE(matches("^\\s$", "\xE2\x80\x8B"));  // ZERO WIDTH SPACE is not white space
  CHECK_FALSE(matches("^\\s$", "\xC2\x85"));      // nor is NEXT LINE
}

TEST_CASE("regex word boundaries", "[regex]") {
  CHECK(matches("\\bcat\\b", "a cat."));
  CHECK_FALSE(matches("\\bcat\\b", "concat"));
  CHECK_FALSE(matches("\\bcat\\b", "cat_"));
  CHECK(matches("\\bcat\\b", "\xC3\xA9""cat"));  // é is not a word character
  CHECK(matches("\\Bcat\\B", "concatenate"));
  CHECK_FALSE(matches("\\Bcat\\B", "cat"));
  CHECK(matches("\\B", ""));
  CHECK_FALSE(matches("\\b", ""));
  CHECK_FALSE(matches("\\b", " "));
  CHECK(matches("^\\b", "a"));
  CHECK(matches("\\b$", "a"));
}

TEST_CASE("regex escapes", "[regex]") {
  CHECK(matches("^\\t\\n\\r\\f\\v$", "\t\n\r\f\v"));
  CHECK(matches("^a\\0b$", std::string("a\0b", 3)));
  CHECK(matches("^\\x41\\u0042\\u{43}\\u{000044}$", "ABCD"));
  CHECK(matches("^\\u{1F600}$", "\xF0\x9F\x98\x80"));
  // A surrogate pair written as two \u escapes is one code point; a lone surrogate matches nothing.
  CHECK(matches("^\\uD83D\\uDE00$", "\xF0\x9F\x98\x80"));
  CHECK_FALSE(matches("\\uD83D", "\xF0\x9F\x98\x80"));
  CHECK_FALSE(matches("\\u{D83D}", "\xF0\x9F\x98\x80"));
  CHECK(matches("^\\cJ\\cj$", "\n\n"));
  CHECK(matches("^\\^\\$\\\\\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/$", "^$\\.*+?()[]{}|/"));
}

TEST_CASE("regex groups and alternation", "[regex]") {
  CHECK(matches("^(?:red|green|blue)$", "green"));
  CHECK_FALSE(matches("^(?:red|green|blue)$", "greenblue"));
  CHECK(matches("^(ab|a)(c|bcd)$", "abcd"));
  CHECK(matches("^(a|ab)(c|bcd)$", "abcd"));  // order decides which match, not whether
  CHECK(matches("^(?:|a)b$", "b"));
  CHECK(matches("^(?:a|)b$", "ab"));
  CHECK(matches("a|", "zzz"));
  CHECK(matches("^()$", ""));
  CHECK(matches("^((((a))))$", "a"));
  CHECK(matches("^(?:a(?:b|c)d|e)+$", "abdeacd"));
}

TEST_CASE("regex quantifiers", "[regex]") {
  CHECK(matches("^a*$", ""));
  CHECK(matches("^a*$", "aaa"));
  CHECK_FALSE(matches("^a+$", ""));
  CHECK(matches("^a?b$", "b"));
  CHECK_FALSE(matches("^a?b$", "aab"));
  CHECK(matches("^a{3}$", "aaa"));
  CHECK_FALSE(matches("^a{3}$", "aaaa"));
  CHECK(matches("^a{2,}$", "aaaaa"));
  CHECK_FALSE(matches("^a{2,}$", "a"));
  CHECK(matches("^a{2,3}$", "aaa"));
  CHECK_FALSE(matches("^a{2,3}$", "aaaa"));
  CHECK(matches("^a{0}$", ""));
  CHECK(matches("^a{0,0}b$", "b"));
  CHECK(matches("^(?:ab){2}$", "abab"));
  CHECK(matches("^(?:a?){3}$", "aa"));
  // Lazy forms change which match is found, not whether there is one.
  CHECK(matches("^a+?$", "aaa"));
  CHECK(matches("^a*?b$", "aab"));
  CHECK(matches("^a??$", "a"));
  CHECK(matches("^a{2,3}?$", "aaa"));
  CHECK(matches("^a{1,}?b", "aab"));
  // Loops over bodies that can match empty still terminate.
  CHECK(matches("^(?:)*$", ""));
  CHECK(matches("^(?:a*)*$", "aaa"));
  CHECK(matches("^(?:a|)+b$", "aab"));
  CHECK(matches("^(?:\\b)+a", "a"));
}

TEST_CASE("regex counts code points, not bytes", "[regex]") {
  const std::string grin = "\xF0\x9F\x98\x80";  // U+1F600, four bytes in UTF-8
  const std::string e_acute = "\xC3\xA9";       // two bytes
  CHECK(matches("^.$", grin));
  CHECK(matches("^.$", e_acute));
  CHECK(matches("^.{2}$", grin + e_acute));
  CHECK_FALSE(matches("^.{4}$", grin));
  CHECK(matches("^" + grin + "{3}$", grin + grin + grin));
  CHECK_FALSE(matches("^" + grin + "{3}$", grin + grin));
  CHECK(matches("^[" + grin + "]$", grin));
  CHECK(matches("^[^a]$", grin));
  CHECK(matches("^\\W$", grin));
}

TEST_CASE("regex text that is not UTF-8 never matches", "[regex]") {
  CHECK_FALSE(matches("", "\xFF"));
  CHECK_FALSE(matches("a", "a\xFF"));
  CHECK_FALSE(matches("a", "a\xC3"));             // truncated sequence
  CHECK_FALSE(matches("a", "a\xC0\xAF"));         // overlong '/'
  CHECK_FALSE(matches("a", "a\xED\xA0\x80"));     // UTF-8-encoded surrogate
  CHECK_FALSE(matches("a", "a\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK(matches("a", "a\xF4\x8F\xBF\xBF"));        // U+10FFFF itself is fine
}

TEST_CASE("regex refuses what it does not support, naming the offset", "[regex]") {
  CHECK(refusal("(a)\\1") == "backreferences are not supported at offset 3");
  CHECK(refusal("\\k<x>") == "backreferences are not supported at offset 0");
  CHECK(refusal("a(?=b)") == "lookahead assertions are not supported at offset 1");
  CHECK(refusal("(?!b)") == "lookahead assertions are not supported at offset 0");
  CHECK(refusal("(?<=b)a") == "lookbehind assertions are not supported at offset 0");
  CHECK(refusal("(?<!b)a") == "lookbehind assertions are not supported at offset 0");
  CHECK(refusal("(?<year>\\d{4})") == "named groups are not supported at offset 0");
  CHECK(refusal("\\p{L}") == "Unicode property escapes are not supported at offset 0");
  CHECK(refusal("[\\P{L}]") == "Unicode property escapes are not supported at offset 1");
  CHECK(refusal("(?i:a)") == "invalid group '(?' (inline flags are not supported) at offset 0");
  CHECK(refusal("(?i)a") == "invalid group '(?' (inline flags are not supported) at offset 0");
}

TEST_CASE("regex refuses what JavaScript's u mode refuses", "[regex]") {
  CHECK(refusal("abcd)") == "unbalanced ')' at offset 4");
  CHECK(refusal("a(b(c)") == "missing ')' for the group opened at offset 1");
  CHECK(refusal("[abc") == "unterminated character class at offset 0");
  CHECK(refusal("*a") == "nothing to repeat at offset 0");
  CHECK(refusal("a**") == "nothing to repeat at offset 2");
  CHECK(refusal("a{2}{3}") == "nothing to repeat at offset 4");
  CHECK(refusal("a|+") == "nothing to repeat at offset 2");
  CHECK(refusal("(+)") == "nothing to repeat at offset 1");
  CHECK(refusal("^*") == "nothing to repeat at offset 1");
  CHECK(refusal("\\b+") == "nothing to repeat at offset 2");
  CHECK(refusal("a{3,2}") == "numbers out of order in {} quantifier at offset 1");
  CHECK(refusal("a{99999999999999999999,99999999999999999998}") ==
        "numbers out of order in {} quantifier at offset 1");
  CHECK(refusal("[z-a]") == "range out of order in character class at offset 1");
  CHECK(refusal("[\\d-z]") == "a class escape cannot bound a range at offset 1");
  CHECK(refusal("\\") == "'\\' at end of pattern at offset 0");
  // u mode: braces and ']' must be escaped, and only syntax characters and '/' may be escaped.
  for (const char* bad : {"a{", "a{,3}", "a{1,2", "a{x}", "{", "}", "]", "[]]", "\\a", "\\-", "\\_", "\\ ",
                          "\\c", "\\c1", "\\x1", "\\u12", "\\u{}", "\\u{110000}", "\\00", "\\01", "[\\1]",
                          "[\\B]", "[\\c_]", "[\\k]", "(?", "(?P<x>a)"}) {
    INFO(bad);
    CHECK_FALSE(compiles(bad));
  }
  // And accepts what it accepts.
  for (const char* good : {"\\{\\}\\]", "[{}]", "[\\-]", "\\/", "[\\/]", "\\0", "\\cZ", "a{0}", "a{01,002}",
                           "(?:)", "[]", "[^]", "x{2,}?", "\\u{0000041}"}) {
    INFO(good);
    CHECK(compiles(good));
  }
}

TEST_CASE("regex refuses invalid UTF-8 in a pattern", "[regex]") {
  CHECK(refusal("ab\xFF") == "invalid UTF-8 at offset 2");
  CHECK(refusal("\xED\xA0\x80") == "invalid UTF-8 at offset 0");
}

TEST_CASE("regex caps the size of the compiled program", "[regex]") {
  CHECK(compiles("a{9000}"));
  CHECK(refusal("a{10000}") == "pattern too large (more than 10000 automaton states) at offset 1");
  CHECK_FALSE(compiles("(?:a{100}){101}"));
  CHECK_FALSE(compiles("((a{10}){10}){100}"));
  CHECK_FALSE(compiles("a{4294967296}"));
  CHECK_FALSE(compiles("[a-z]{1,99999999999999999999}"));
  CHECK_FALSE(compiles(std::string(20000, 'a')));
  // Repeating an empty group is free, however many times.
  CHECK(matches("^(?:){1000000}$", ""));
  // Nesting is bounded too, so compiling never recurses or copies without limit.
  CHECK(compiles(std::string(256, '(') + std::string(256, ')')));
  CHECK_FALSE(compiles(std::string(257, '(') + std::string(257, ')')));
}

TEST_CASE("regex matching time is linear in the text", "[regex]") {
  // Each of these takes exponential time in a backtracking engine; here each is one pass.
  const std::string as(100000, 'a');
  CHECK_FALSE(matches("(a*)*b", as));
  CHECK_FALSE(matches("(a|a)*c", as));
  CHECK_FALSE(matches("^(a+)+$", as + "!"));
  CHECK_FALSE(matches("^(?:a|aa)+$", as + "b"));
  CHECK_FALSE(matches("^(\\w+\\s?)*$", as + "!"));
  CHECK(matches("(a*)*b", as + "b"));
  CHECK(matches("^(?:a?){50}a{50}$", std::string(50, 'a')));
  CHECK(matches("^(?:.*x){5}", "x" + as + "xxxx"));
}

TEST_CASE("regex values copy cheaply and keep their pattern", "[regex]") {
  std::string error;
  auto re = regex::compile("^[a-z]+$", error);
  REQUIRE(re.has_value());
  const regex copy = *re;
  regex moved = std::move(*re);
  CHECK(copy.search("abc"));
  CHECK(moved.search("abc"));
  CHECK_FALSE(copy.search("ab1"));
  CHECK(copy.pattern() == "^[a-z]+$");
}
