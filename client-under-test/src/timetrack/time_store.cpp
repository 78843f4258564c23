#include "timetrack/time_store.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "util/crypto.h"
#include "util/macros.h"

namespace bcsync::timetrack {
namespace {

constexpr const char* kColumns =
    "id, user_id, account_id, todo_id, marker, person_id, date, minutes, description, timer_started_at, state, "
    "error_code, remote_id, outbox, in_flight, sent_json, attempts, next_attempt_at, deleted, created_at, "
    "updated_at";

TimeEntry Read(const store::Stmt& s) {
  TimeEntry e;
  e.id = s.Int(0);
  e.user_id = s.Int(1);
  e.account_id = s.Int(2);
  e.todo_id = s.Int(3);
  e.marker = s.Text(4);
  e.person_id = s.Int(5);
  e.date = s.Text(6);
  e.minutes = static_cast<int>(s.Int(7));
  e.description = s.Text(8);
  e.timer_started_at = s.Int(9);
  e.state = s.Text(10);
  e.error_code = s.Text(11);
  e.remote_id = s.Int(12);
  e.outbox = s.Text(13);
  e.in_flight = s.Int(14) != 0;
  e.sent_json = s.Text(15);
  e.attempts = static_cast<int>(s.Int(16));
  e.next_attempt_at = s.Int(17);
  e.deleted = s.Int(18) != 0;
  e.created_at = s.Int(19);
  e.updated_at = s.Int(20);
  return e;
}

// Binds every column but id (1..20), in kColumns order.
void BindFields(store::Stmt& s, const TimeEntry& e) {
  s.Bind(1, e.user_id).Bind(2, e.account_id).Bind(3, e.todo_id).Bind(4, e.marker).Bind(5, e.person_id)
      .Bind(6, e.date).Bind(7, static_cast<std::int64_t>(e.minutes)).Bind(8, e.description)
      .Bind(9, e.timer_started_at).Bind(10, e.state).Bind(11, e.error_code).Bind(12, e.remote_id)
      .Bind(13, e.outbox).Bind(14, static_cast<std::int64_t>(e.in_flight)).Bind(15, e.sent_json)
      .Bind(16, static_cast<std::int64_t>(e.attempts)).Bind(17, e.next_attempt_at)
      .Bind(18, static_cast<std::int64_t>(e.deleted)).Bind(19, e.created_at).Bind(20, e.updated_at);
}

StatusOr<std::vector<TimeEntry>> ReadAll(store::Stmt& s) {
  std::vector<TimeEntry> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(Read(s));
  }
  return out;
}

}  // namespace

StatusOr<Id> TimeStore::Insert(const TimeEntry& e) {
  ASSIGN_OR_RETURN(store::Stmt s, db_->Prepare(
      "INSERT INTO time_entries (user_id, account_id, todo_id, marker, person_id, date, minutes, description, "
      "timer_started_at, state, error_code, remote_id, outbox, in_flight, sent_json, attempts, next_attempt_at, "
      "deleted, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);"));
  BindFields(s, e);
  RETURN_IF_ERROR(s.Run());
  return db_->LastInsertId();
}

Status TimeStore::Update(const TimeEntry& e) {
  ASSIGN_OR_RETURN(store::Stmt s, db_->Prepare(
      "UPDATE time_entries SET user_id = ?, account_id = ?, todo_id = ?, marker = ?, person_id = ?, date = ?, "
      "minutes = ?, description = ?, timer_started_at = ?, state = ?, error_code = ?, remote_id = ?, outbox = ?, "
      "in_flight = ?, sent_json = ?, attempts = ?, next_attempt_at = ?, deleted = ?, created_at = ?, "
      "updated_at = ? WHERE id = ?;"));
  BindFields(s, e);
  s.Bind(21, e.id);
  RETURN_IF_ERROR(s.Run());
  if (db_->Changes() != 1) return NotFoundError("no time entry " + std::to_string(e.id));
  return OkStatus();
}

StatusOr<TimeEntry> TimeStore::Get(Id id) {
  ASSIGN_OR_RETURN(store::Stmt s,
                   db_->Prepare(std::string("SELECT ") + kColumns + " FROM time_entries WHERE id = ?;"));
  s.Bind(1, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundError("no time entry " + std::to_string(id));
  return Read(s);
}

StatusOr<std::vector<TimeEntry>> TimeStore::List(Id user_id, Id todo_id) {
  ASSIGN_OR_RETURN(store::Stmt s, db_->Prepare(std::string("SELECT ") + kColumns +
                                               " FROM time_entries WHERE user_id = ? AND (? = 0 OR todo_id = ?)"
                                               " ORDER BY id DESC;"));
  s.Bind(1, user_id).Bind(2, todo_id).Bind(3, todo_id);
  return ReadAll(s);
}

StatusOr<std::optional<TimeEntry>> TimeStore::RunningTimer(Id user_id, Id todo_id) {
  ASSIGN_OR_RETURN(store::Stmt s, db_->Prepare(std::string("SELECT ") + kColumns +
                                               " FROM time_entries WHERE user_id = ? AND todo_id = ? AND "
                                               "state = 'running' ORDER BY id DESC LIMIT 1;"));
  s.Bind(1, user_id).Bind(2, todo_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<TimeEntry>();
  return std::optional<TimeEntry>(Read(s));
}

StatusOr<std::vector<TimeEntry>> TimeStore::Due(Id user_id, Millis now) {
  ASSIGN_OR_RETURN(store::Stmt s, db_->Prepare(std::string("SELECT ") + kColumns +
                                               " FROM time_entries WHERE outbox != '' AND state != 'running' AND "
                                               "(? = 0 OR user_id = ?) AND (? < 0 OR next_attempt_at <= ?) "
                                               "ORDER BY id;"));
  s.Bind(1, user_id).Bind(2, user_id).Bind(3, now).Bind(4, now);
  return ReadAll(s);
}

StatusOr<std::vector<Id>> TimeStore::UsersWithOutbox() {
  ASSIGN_OR_RETURN(store::Stmt s, db_->Prepare(
      "SELECT DISTINCT user_id FROM time_entries WHERE outbox != '' AND state != 'running' ORDER BY user_id;"));
  std::vector<Id> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(s.Int(0));
  }
  return out;
}

std::string NewMarker() { return "bcsync:" + util::RandomToken(8); }

std::string DateOf(Millis ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

std::optional<int> ParseDuration(const std::string& raw) {
  std::string text;
  for (char c : raw)
    if (!std::isspace(static_cast<unsigned char>(c))) text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (text.empty() || text.size() > 12) return std::nullopt;
  auto digits = [](const std::string& t) {
    if (t.empty() || t.size() > 5) return false;
    for (char c : t)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
  };
  long minutes = -1;
  if (const std::size_t colon = text.find(':'); colon != std::string::npos) {  // 1:30
    const std::string h = text.substr(0, colon), m = text.substr(colon + 1);
    if (!digits(h) || !digits(m) || m.size() != 2 || std::stol(m) > 59) return std::nullopt;
    minutes = std::stol(h) * 60 + std::stol(m);
  } else if (text.back() == 'h' && text.find('.') != std::string::npos) {  // 1.5h
    const std::string n = text.substr(0, text.size() - 1);
    const std::size_t dot = n.find('.');
    if (!digits(n.substr(0, dot)) || (dot + 1 < n.size() && !digits(n.substr(dot + 1)))) return std::nullopt;
    minutes = std::lround(std::stod(n) * 60);
  } else if (digits(text)) {  // 45 (minutes)
    minutes = std::stol(text);
  } else {  // 1h30m, 2h, 90m
    std::size_t pos = 0;
    long total = 0;
    bool any = false, hours_seen = false, minutes_seen = false;
    while (pos < text.size()) {
      std::size_t end = pos;
      while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
      if (end == pos || end >= text.size() || end - pos > 5) return std::nullopt;
      const long n = std::stol(text.substr(pos, end - pos));
      if (text[end] == 'h' && !hours_seen && !minutes_seen) {
        total += n * 60;
        hours_seen = true;
      } else if (text[end] == 'm' && !minutes_seen) {
        total += n;
        minutes_seen = true;
      } else {
        return std::nullopt;
      }
      any = true;
      pos = end + 1;
    }
    if (!any) return std::nullopt;
    minutes = total;
  }
  if (minutes < 1 || minutes > 24 * 60) return std::nullopt;
  return static_cast<int>(minutes);
}

std::string HoursText(int minutes) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string ShowMinutes(int minutes) {
  if (minutes < 60) return std::to_string(minutes) + "m";
  return std::to_string(minutes / 60) + "h" + (minutes % 60 ? " " + std::to_string(minutes % 60) + "m" : "");
}

bool IsDate(const std::string& t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  const int y = std::stoi(t.substr(0, 4)), m = std::stoi(t.substr(5, 2)), d = std::stoi(t.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || y < 1970) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

}  // namespace bcsync::timetrack
