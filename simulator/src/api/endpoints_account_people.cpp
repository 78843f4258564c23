// People extras: my preferences and profile, a person's out-of-office, the pingable people
// (circles/people.json) and granting/revoking project access (projects/{id}/people/users.json).
#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "api/endpoints_account.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::account {
namespace {

// IANA zone -> the Rails name Basecamp shows (a common subset; other IANA names pass through).
constexpr std::array<std::pair<const char*, const char*>, 12> kZones = {{
    {"Etc/UTC", "UTC"},
    {"America/New_York", "Eastern Time (US & Canada)"},
    {"America/Chicago", "Central Time (US & Canada)"},
    {"America/Denver", "Mountain Time (US & Canada)"},
    {"America/Los_Angeles", "Pacific Time (US & Canada)"},
    {"Europe/London", "London"},
    {"Europe/Paris", "Paris"},
    {"Europe/Berlin", "Berlin"},
    {"Europe/Madrid", "Madrid"},
    {"Asia/Tokyo", "Tokyo"},
    {"Australia/Sydney", "Sydney"},
    {"America/Sao_Paulo", "Brasilia"},
}};

std::string RailsZone(const std::string& iana) {
  for (const auto& [i, rails] : kZones) {
    if (iana == i) return rails;
  }
  return iana;
}

// A time zone as the API takes it (a Rails name or an IANA "Area/City"), as IANA; nullopt when
// it is neither.
std::optional<std::string> ParseZone(const std::string& text) {
  for (const auto& [iana, rails] : kZones) {
    if (text == iana || text == rails) return std::string(iana);
  }
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) return std::nullopt;
  for (char ch : text) {
    const bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '/' || ch == '_' ||
                    ch == '-' || (ch >= '0' && ch <= '9') || ch == '+';
    if (!ok) return std::nullopt;
  }
  return text;
}

bool ValidWeekDay(const std::string& d) {
  for (const char* day : {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}) {
    if (d == day) return true;
  }
  return false;
}

bool ValidTimeFormat(const std::string& f) { return f == "twelve_hour" || f == "twenty_four_hour"; }

// Days since 1970-01-01 of a valid YYYY-MM-DD, and back (Howard Hinnant's civil algorithms).
long long Days(const std::string& date) {
  int y = std::stoi(date.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

std::string Date(long long days) {
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = static_cast<long long>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  char out[48];
  std::snprintf(out, sizeof out, "%04lld-%02u-%02u", y, m, d);
  return out;
}

// The first weekday (Monday to Friday) after `end`.
std::string BackOn(const std::string& end) {
  long long day = Days(end) + 1;
  // 1970-01-01 was a Thursday: (days + 4) % 7 is 0 on Sundays, 6 on Saturdays.
  while (((day % 7) + 7 + 4) % 7 == 0 || ((day % 7) + 7 + 4) % 7 == 6) ++day;
  return Date(day);
}

nlohmann::json RenderPreferences(const Ctx& c) {
  return {{"url", c.rc.urls.api + "/my/preferences.json"},
          {"app_url", c.rc.urls.app + "/my/preferences"},
          {"time_zone_name", RailsZone(c.me.time_zone)},
          {"first_week_day", c.me.first_week_day},
          {"time_format", c.me.time_format}};
}

nlohmann::json RenderOutOfOffice(const Ctx& c, const Person& p) {
  const nlohmann::json full = RenderPerson(c.rc, p);
  nlohmann::json out{{"person", {{"id", p.id}, {"name", p.name}, {"avatar_url", full["avatar_url"]}}},
                     {"enabled", false},
                     {"ongoing", false}};
  if (p.out_of_office_start && p.out_of_office_end) {
    const std::string today = Today(c);
    out["enabled"] = true;
    out["ongoing"] = *p.out_of_office_start <= today && today <= *p.out_of_office_end;
    out["start_date"] = *p.out_of_office_start;
    out["end_date"] = *p.out_of_office_end;
    out["back_on_date"] = BackOn(*p.out_of_office_end);
  }
  return out;
}

Person* PersonById(Ctx& c, const std::string& id) {
  const std::optional<Id> pid = ParseId(id);
  if (!pid) return nullptr;
  const auto& by_id = c.world.index.person_by_id[c.account_index];
  auto it = by_id.find(*pid);
  return it == by_id.end() ? nullptr : &c.account.people[it->second];
}

// Me (a mutable Person: Ctx holds a const one).
Person& Me(Ctx& c) { return c.account.people[c.world.index.person_by_key[c.account_index].at(c.me.key)]; }

}  // namespace

ApiResponse GetMyPreferences(Ctx& c) { return Json200(RenderPreferences(c)); }

ApiResponse PutMyPreferences(Ctx& c) {
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  auto person = body->find("person");
  if (person == body->end() || !person->is_object()) return FieldErrors("person", "is missing");
  Person next = Me(c);
  if (person->contains("time_zone_name")) {
    const std::optional<std::string> text = StringField(*person, "time_zone_name");
    const std::optional<std::string> zone = text ? ParseZone(*text) : std::nullopt;
    if (!zone) return FieldErrors("time_zone_name", "is not a valid time zone");
    next.time_zone = *zone;
  }
  if (person->contains("first_week_day")) {
    const std::optional<std::string> day = StringField(*person, "first_week_day");
    if (!day || !ValidWeekDay(*day)) return FieldErrors("first_week_day", "is not included in the list");
    next.first_week_day = *day;
  }
  if (person->contains("time_format")) {
    const std::optional<std::string> format = StringField(*person, "time_format");
    if (!format || !ValidTimeFormat(*format)) return FieldErrors("time_format", "is not included in the list");
    next.time_format = *format;
  }
  Me(c) = std::move(next);
  return Json200(RenderPreferences(c));
}

ApiResponse PutMyProfile(Ctx& c) {
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  Person next = Me(c);
  for (const auto& [key, value] : body->items()) {
    if (!value.is_string()) return Unprocessable(key + " must be text");
    const std::string text = value.get<std::string>();
    if (key == "name") {
      if (text.empty()) return Unprocessable("Name can't be blank");
      next.name = text;
    } else if (key == "email_address") {
      const std::size_t at = text.find('@');
      if (at == std::string::npos || at == 0 || at + 1 == text.size()) {
        return Unprocessable("Email address is invalid");
      }
      next.email = text;
    } else if (key == "title") {
      next.title = text;
    } else if (key == "bio") {
      next.bio = text;
    } else if (key == "location") {
      next.location = text;
    } else if (key == "time_zone_name") {
      const std::optional<std::string> zone = ParseZone(text);
      if (!zone) return Unprocessable("Time zone is not a valid time zone");
      next.time_zone = *zone;
    } else if (key == "first_week_day") {
      if (!ValidWeekDay(text)) return Unprocessable("First week day is not included in the list");
      next.first_week_day = text;
    } else if (key == "time_format") {
      if (!ValidTimeFormat(text)) return Unprocessable("Time format is not included in the list");
      next.time_format = text;
    }
  }
  Me(c) = std::move(next);
  return NoContent();
}

ApiResponse GetOutOfOffice(Ctx& c, const std::string& person_id) {
  Person* p = PersonById(c, person_id);
  return p == nullptr ? NotFound() : Json200(RenderOutOfOffice(c, *p));
}

// A person sets their own; admins and the owner may set anyone's.
ApiResponse PostOutOfOffice(Ctx& c, const std::string& person_id) {
  Person* p = PersonById(c, person_id);
  if (p == nullptr) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (p->key != c.me.key && !c.me.admin && !c.me.owner) return Forbidden();
  auto ooo = body->find("out_of_office");
  if (ooo == body->end() || !ooo->is_object()) return Unprocessable("out_of_office is required");
  const std::optional<std::string> start = StringField(*ooo, "start_date");
  const std::optional<std::string> end = StringField(*ooo, "end_date");
  if (!start || !end || !IsValidDate(*start) || !IsValidDate(*end)) {
    return Unprocessable("start_date and end_date must be dates (YYYY-MM-DD)");
  }
  if (*start > *end) return Unprocessable("start_date must not be after end_date");
  p->out_of_office_start = *start;
  p->out_of_office_end = *end;
  return Json200(RenderOutOfOffice(c, *p));
}

ApiResponse DeleteOutOfOffice(Ctx& c, const std::string& person_id) {
  Person* p = PersonById(c, person_id);
  if (p == nullptr) return NotFound();
  if (p->key != c.me.key && !c.me.admin && !c.me.owner) return Forbidden();
  p->out_of_office_start.reset();
  p->out_of_office_end.reset();
  return NoContent();
}

// Everyone in the account the caller can ping, not paginated (api-facts.md §2.3). A client
// pings only the people on their own projects.
ApiResponse GetPingablePeople(Ctx& c) {
  nlohmann::json out = nlohmann::json::array();
  for (const Person& p : c.account.people) {
    if (p.key == c.me.key) continue;
    bool shared = !c.me.client;
    for (const Project& project : c.account.projects) {
      shared = shared || (IsMember(project, c.me.key) && IsMember(project, p.key));
    }
    if (shared) out.push_back(RenderPerson(c.rc, p));
  }
  return Json200(out);
}

// {grant: [person ids], revoke: [person ids], create: [{name, email_address, ...}]}: who was
// added and who removed. New people join the account (without a login of their own).
ApiResponse PutProjectAccess(Ctx& c, const std::string& project_id) {
  Project* project = ProjectById(c, project_id);
  if (project == nullptr) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (c.me.client) return Forbidden();
  auto ids = [&](const char* key, std::vector<std::string>* keys) -> std::optional<ApiResponse> {
    auto list = body->find(key);
    if (list == body->end() || list->is_null()) return std::nullopt;
    if (!list->is_array()) return Unprocessable(std::string(key) + " must be a list of person ids");
    const auto& by_id = c.world.index.person_by_id[c.account_index];
    for (const nlohmann::json& id : *list) {
      auto it = id.is_number_integer() ? by_id.find(id.get<Id>()) : by_id.end();
      if (it == by_id.end()) return Unprocessable(std::string(key) + " must be people of this account");
      keys->push_back(c.account.people[it->second].key);
    }
    return std::nullopt;
  };
  std::vector<std::string> grant, revoke;
  if (auto error = ids("grant", &grant)) return *error;
  if (auto error = ids("revoke", &revoke)) return *error;
  std::vector<Person> created;
  if (auto list = body->find("create"); list != body->end() && !list->is_null()) {
    if (!list->is_array()) return Unprocessable("create must be a list of people");
    for (const nlohmann::json& spec : *list) {
      const std::optional<std::string> name = spec.is_object() ? StringField(spec, "name") : std::nullopt;
      const std::optional<std::string> email =
          spec.is_object() ? StringField(spec, "email_address") : std::nullopt;
      if (!name || name->empty() || !email || email->find('@') == std::string::npos) {
        return Unprocessable("Each new person needs a name and an email address");
      }
      const Person* existing = nullptr;
      for (const Person& p : c.account.people) existing = p.email == *email ? &p : existing;
      if (existing != nullptr) {
        grant.push_back(existing->key);
        continue;
      }
      Person p;
      p.id = NewId(c.world, "person");
      p.key = "api-person-" + std::to_string(p.id);
      p.name = *name;
      p.email = *email;
      p.title = spec.value("title", "");
      created.push_back(std::move(p));
      grant.push_back(created.back().key);
    }
  }
  for (Person& p : created) c.account.people.push_back(std::move(p));
  std::vector<std::string> granted, revoked;
  for (const std::string& key : grant) {
    if (!IsMember(*project, key)) {
      project->members.push_back(key);
      granted.push_back(key);
    }
  }
  for (const std::string& key : revoke) {
    auto it = std::find(project->members.begin(), project->members.end(), key);
    if (it != project->members.end()) {
      project->members.erase(it);
      revoked.push_back(key);
    }
  }
  if (!created.empty() || !granted.empty() || !revoked.empty()) {
    project->updated_at = c.req.now;
    IndexWorld(c.world);
  }
  nlohmann::json out{{"granted", nlohmann::json::array()}, {"revoked", nlohmann::json::array()}};
  for (const std::string& key : granted) out["granted"].push_back(RenderPersonByKey(c.rc, key));
  for (const std::string& key : revoked) out["revoked"].push_back(RenderPersonByKey(c.rc, key));
  return Json200(out);
}

}  // namespace bcsim::api::account
