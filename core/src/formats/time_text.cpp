#include "dynamap/time_text.hpp"

#include <cstddef>
#include <limits>

namespace dynamap {

namespace {

// Signed, since dates before 1970 are negative; the unsigned duration arithmetic converts them.
constexpr std::int64_t millis_per_second = 1000;
constexpr std::int64_t millis_per_minute = 60 * millis_per_second;
constexpr std::int64_t millis_per_hour = 60 * millis_per_minute;
constexpr std::int64_t millis_per_day = 24 * millis_per_hour;
constexpr std::int64_t millis_per_week = 7 * millis_per_day;

constexpr std::int32_t first_four_digit_day = -719528;  // 0000-01-01
constexpr std::int32_t last_four_digit_day = 2932896;   // 9999-12-31

struct civil_date {
  std::int64_t year;
  int month;  // 1-12
  int day;    // 1-31
};

bool is_leap(std::int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int days_in_month(std::int64_t year, int month) {
  constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : lengths[month - 1];
}

// Howard Hinnant's days_from_civil: counting in 400-year eras (146097 days each) with years
// starting in March puts the leap day last, so the day of the year has a closed form and
// negative years need only a floored era.
std::int64_t days_from_civil(civil_date date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;                                   // [0, 399]
  const std::int64_t shifted_month = date.month > 2 ? date.month - 3 : date.month + 9;  // Mar=0
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + date.day - 1;   // [0, 365]
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;        // [0, 146096]
  return era * 146097 + day_of_era - 719468;
}

// The inverse, Hinnant's civil_from_days.
civil_date civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t day_of_era = z - era * 146097;  // [0, 146096]
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // [0, 365]
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;             // Mar=0
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Reads the fields of the formats left to right. A failed read returns nothing (never throws),
// and a read that fails part-way may have consumed input, so callers give up on any failure.
class cursor {
 public:
  explicit cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  bool take(char c) {
    if (at_end() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  // Exactly `width` digits; the widths used here (at most 6) cannot overflow.
  std::optional<int> digits(std::size_t width) {
    if (text_.size() - pos_ < width) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    pos_ += width;
    return value;
  }

  // A digit run of any length, or nothing if it is empty or exceeds `limit`.
  std::optional<std::uint64_t> number(std::uint64_t limit) {
    const std::size_t start = pos_;
    std::uint64_t value = 0;
    while (!at_end() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      const auto digit = static_cast<std::uint64_t>(text_[pos_] - '0');
      if (value > (limit - digit) / 10) return std::nullopt;
      value = value * 10 + digit;
      ++pos_;
    }
    if (pos_ == start) return std::nullopt;
    return value;
  }

  // 1-9 fraction digits after the decimal point, as milliseconds; further digits are dropped.
  std::optional<int> fraction_millis() {
    const std::size_t start = pos_;
    int millis = 0;
    while (!at_end() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      if (pos_ - start < 3) millis = millis * 10 + (text_[pos_] - '0');
      ++pos_;
    }
    const std::size_t count = pos_ - start;
    if (count == 0 || count > 9) return std::nullopt;
    for (std::size_t i = count; i < 3; ++i) millis *= 10;
    return millis;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// YYYY-MM-DD, or with `expanded_years` also the JavaScript ±YYYYYY-MM-DD.
std::optional<civil_date> read_date(cursor& in, bool expanded_years) {
  std::int64_t year = 0;
  if (expanded_years && (in.peek() == '+' || in.peek() == '-')) {
    const bool negative = in.take('-');
    if (!negative) in.take('+');
    const auto six = in.digits(6);
    if (!six || (negative && *six == 0)) return std::nullopt;
    year = negative ? -*six : *six;
  } else {
    const auto four = in.digits(4);
    if (!four) return std::nullopt;
    year = *four;
  }
  if (!in.take('-')) return std::nullopt;
  const auto month = in.digits(2);
  if (!month || !in.take('-')) return std::nullopt;
  const auto day = in.digits(2);
  if (!day || *month < 1 || *month > 12 || *day < 1 || *day > days_in_month(year, *month)) {
    return std::nullopt;
  }
  return civil_date{year, *month, *day};
}

// "Z", "z", ±HH:MM or ±HHMM, as minutes east of UTC.
std::optional<int> read_offset_minutes(cursor& in) {
  if (in.take('Z') || in.take('z')) return 0;
  const bool negative = in.peek() == '-';
  if (!in.take('+') && !in.take('-')) return std::nullopt;
  const auto hours = in.digits(2);
  if (!hours) return std::nullopt;
  in.take(':');
  const auto minutes = in.digits(2);
  if (!minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  const int total = *hours * 60 + *minutes;
  return negative ? -total : total;
}

void append_padded(std::string& out, std::uint64_t value, int width = 1) {
  char buffer[20];
  int n = 0;
  do {
    buffer[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n > 0) out.push_back(buffer[--n]);
}

void append_date(std::string& out, const civil_date& date) {
  if (date.year >= 0 && date.year <= 9999) {
    append_padded(out, static_cast<std::uint64_t>(date.year), 4);
  } else {
    out.push_back(date.year < 0 ? '-' : '+');
    append_padded(out, static_cast<std::uint64_t>(date.year < 0 ? -date.year : date.year), 6);
  }
  out.push_back('-');
  append_padded(out, static_cast<std::uint64_t>(date.month), 2);
  out.push_back('-');
  append_padded(out, static_cast<std::uint64_t>(date.day), 2);
}

// Adds count * unit to total, failing instead of passing `limit`.
bool add_scaled(std::uint64_t& total, std::uint64_t count, std::uint64_t unit,
                std::uint64_t limit) {
  if (count > limit / unit) return false;
  const std::uint64_t part = count * unit;
  if (part > limit - total) return false;
  total += part;
  return true;
}

}  // namespace

std::optional<std::int64_t> parse_iso_datetime_millis(std::string_view text) {
  cursor in(text);
  const auto date = read_date(in, true);
  if (!date || !(in.take('T') || in.take('t') || in.take(' '))) return std::nullopt;
  const auto hour = in.digits(2);
  if (!hour || !in.take(':')) return std::nullopt;
  const auto minute = in.digits(2);
  if (!minute) return std::nullopt;
  int second = 0;
  int millis = 0;
  if (in.take(':')) {
    const auto s = in.digits(2);
    if (!s) return std::nullopt;
    second = *s;
    if (in.take('.')) {
      const auto f = in.fraction_millis();
      if (!f) return std::nullopt;
      millis = *f;
    }
  }
  const auto offset = read_offset_minutes(in);
  if (!offset || !in.at_end() || *hour > 23 || *minute > 59 || second > 59) return std::nullopt;

  // Six-digit years keep every term below 2^55, so none of this can overflow.
  const std::int64_t result = days_from_civil(*date) * millis_per_day + *hour * millis_per_hour +
                              (*minute - *offset) * millis_per_minute +
                              second * millis_per_second + millis;
  if (result < -js_date_max_millis || result > js_date_max_millis) return std::nullopt;
  return result;
}

std::string format_iso_datetime_millis(std::int64_t millis) {
  if (millis < -js_date_max_millis || millis > js_date_max_millis) return {};
  const std::int64_t days = floor_div(millis, millis_per_day);
  const auto in_day = static_cast<std::uint64_t>(millis - days * millis_per_day);  // [0, day)
  std::string out;
  out.reserve(27);
  append_date(out, civil_from_days(days));
  out.push_back('T');
  append_padded(out, in_day / millis_per_hour, 2);
  out.push_back(':');
  append_padded(out, in_day % millis_per_hour / millis_per_minute, 2);
  out.push_back(':');
  append_padded(out, in_day % millis_per_minute / millis_per_second, 2);
  out.push_back('.');
  append_padded(out, in_day % millis_per_second, 3);
  out.push_back('Z');
  return out;
}

std::optional<std::int32_t> parse_iso_date_days(std::string_view text) {
  cursor in(text);
  const auto date = read_date(in, false);
  if (!date || !in.at_end()) return std::nullopt;
  return static_cast<std::int32_t>(days_from_civil(*date));
}

std::string format_iso_date_days(std::int32_t days) {
  if (days < first_four_digit_day || days > last_four_digit_day) return {};
  std::string out;
  out.reserve(10);
  append_date(out, civil_from_days(days));
  return out;
}

std::optional<std::int64_t> parse_iso_duration_millis(std::string_view text) {
  cursor in(text);
  const bool negative = in.take('-');
  // The magnitude of std::int64_t's minimum is one more than its maximum.
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  if (!in.take('P')) return std::nullopt;

  std::uint64_t total = 0;
  // A number is read before its designator is seen, so a component is tried on a copy of the
  // cursor and kept only when the designator matches. Returns false only on overflow; a
  // number too large to read is left unconsumed, and the text then fails to end.
  const auto component = [&](char designator, std::int64_t unit, bool& found) {
    cursor attempt = in;
    const auto n = attempt.number(limit);
    if (!n || !attempt.take(designator)) return true;
    in = attempt;
    found = true;
    return add_scaled(total, *n, static_cast<std::uint64_t>(unit), limit);
  };

  bool date_part = false;
  if (!component('W', millis_per_week, date_part) || !component('D', millis_per_day, date_part)) {
    return std::nullopt;
  }
  bool time_part = false;
  if (in.take('T')) {
    if (!component('H', millis_per_hour, time_part) ||
        !component('M', millis_per_minute, time_part)) {
      return std::nullopt;
    }
    cursor attempt = in;
    if (const auto seconds = attempt.number(limit)) {
      int fraction = 0;
      if (attempt.take('.')) {
        const auto f = attempt.fraction_millis();
        if (!f) return std::nullopt;
        fraction = *f;
      }
      if (!attempt.take('S')) return std::nullopt;
      in = attempt;
      time_part = true;
      if (!add_scaled(total, *seconds, millis_per_second, limit) ||
          !add_scaled(total, static_cast<std::uint64_t>(fraction), 1, limit)) {
        return std::nullopt;
      }
    }
    if (!time_part) return std::nullopt;  // "T" must introduce something
  }
  if (!(date_part || time_part) || !in.at_end()) return std::nullopt;

  if (!negative) return static_cast<std::int64_t>(total);
  // Negated in unsigned arithmetic, so that 2^63 becomes std::int64_t's minimum without overflow.
  return static_cast<std::int64_t>(0 - total);
}

std::string format_iso_duration_millis(std::int64_t millis) {
  // The magnitude in unsigned arithmetic, which also holds std::int64_t's minimum.
  const std::uint64_t magnitude =
      millis < 0 ? 0 - static_cast<std::uint64_t>(millis) : static_cast<std::uint64_t>(millis);
  const std::uint64_t days = magnitude / millis_per_day;
  const std::uint64_t in_day = magnitude % millis_per_day;
  const std::uint64_t hours = in_day / millis_per_hour;
  const std::uint64_t minutes = in_day % millis_per_hour / millis_per_minute;
  const std::uint64_t seconds = in_day % millis_per_minute / millis_per_second;
  std::uint64_t fraction = in_day % millis_per_second;

  std::string out = millis < 0 ? "-P" : "P";
  if (days > 0) {
    append_padded(out, days);
    out.push_back('D');
  }
  if (in_day == 0 && magnitude != 0) return out;
  out.push_back('T');
  if (hours > 0) {
    append_padded(out, hours);
    out.push_back('H');
  }
  if (minutes > 0) {
    append_padded(out, minutes);
    out.push_back('M');
  }
  if (seconds > 0 || fraction > 0 || magnitude == 0) {
    append_padded(out, seconds);
    if (fraction > 0) {
      int width = 3;
      while (fraction % 10 == 0) {
        fraction /= 10;
        --width;
      }
      out.push_back('.');
      append_padded(out, fraction, width);
    }
    out.push_back('S');
  }
  return out;
}

}  // namespace dynamap
