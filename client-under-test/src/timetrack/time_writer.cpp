#include "timetrack/time_writer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>

#include "basecamp/retry.h"
#include "errors/catalogue.h"
#include "sync/user_tokens.h"
#include "util/macros.h"

namespace bcsync::timetrack {
namespace {

using nlohmann::json;

std::unique_lock<std::mutex> MaybeLock(std::mutex* mu) {
  return mu != nullptr ? std::unique_lock<std::mutex>(*mu) : std::unique_lock<std::mutex>();
}

// A transient failure is tried again after 1, 2, 4 ... minutes (at most an hour).
constexpr Millis kRetryBaseMs = 60'000;
constexpr Millis kRetryCapMs = 60LL * 60'000;

std::string FullDescription(const TimeEntry& e) {
  return e.description + (e.description.empty() ? "" : " ") + "[" + e.marker + "]";
}

// The body a create or an update sends.
std::string BodyOf(const TimeEntry& e) {
  json body{{"date", e.date}, {"hours", HoursText(e.minutes)}, {"description", FullDescription(e)}};
  if (e.person_id != 0) body["person_id"] = e.person_id;
  return body.dump();
}

// "1.5" / "1:30" / 1.5 -> minutes; -1 when unreadable.
long MinutesOf(const json& hours) {
  try {
    if (hours.is_number()) return std::lround(hours.get<double>() * 60);
    if (!hours.is_string()) return -1;
    const std::string s = hours.get<std::string>();
    if (const std::size_t colon = s.find(':'); colon != std::string::npos)
      return std::stol(s.substr(0, colon)) * 60 + std::stol(s.substr(colon + 1));
    return std::lround(std::stod(s) * 60);
  } catch (...) {
    return -1;
  }
}

// The match key (time_writer.h): marker in the description, and date, hours and person of
// the body that was sent.
bool Matches(const json& remote, const std::string& marker, const json& sent) {
  if (!remote.is_object() || marker.empty()) return false;
  const json desc = remote.value("description", json());
  if (!desc.is_string() || desc.get<std::string>().find("[" + marker + "]") == std::string::npos) return false;
  if (remote.value("date", json()) != sent.value("date", json())) return false;
  const long want = MinutesOf(sent.value("hours", json()));
  if (want < 0 || MinutesOf(remote.value("hours", json())) != want) return false;
  if (sent.contains("person_id")) {
    const json person = remote.value("person", json());
    if (!person.is_object() || person.value("id", json()) != sent["person_id"]) return false;
  }
  return true;
}

const char* RefusalCode(int status) {
  switch (status) {
    case 422: return errors::kTimeRejected;
    case 403: return errors::kTimeForbidden;
    case 404: return errors::kTimeTodoGone;
    case 507: return errors::kTimePlanLimit;
    default: return nullptr;
  }
}

// One flush of one user: the Basecamp side (requests) and the store side (records).
class Flusher {
 public:
  Flusher(store::Store* store, std::mutex* store_mu, const basecamp::ApiDeps& deps, basecamp::TokenSource* tokens,
          const store::PersonalIntegration& p, bool crash_after_send, FlushResult* result)
      : store_(store), store_mu_(store_mu), deps_(deps), tokens_(tokens), p_(p),
        crash_after_send_(crash_after_send), api_(deps, tokens, nullptr), result_(result) {}

  void Process(Id entry_id) {
    // A few steps at most: e.g. an unknown POST outcome, its read-back, a new POST, an update.
    for (int step = 0; step < 4 && !result_->crashed; ++step) {
      StatusOr<TimeEntry> loaded = Load(entry_id);
      if (!loaded.ok() || loaded->outbox.empty() || loaded->state == "running") return;
      TimeEntry e = *loaded;
      bool more = e.outbox == "create" ? Create(e) : e.outbox == "update" ? Update(e) : Delete(e);
      if (!more) return;
    }
  }

 private:
  StatusOr<TimeEntry> Load(Id id) {
    auto lock = MaybeLock(store_mu_);
    return TimeStore(&store_->db()).Get(id);
  }

  // Re-reads the entry (a person may have edited it meanwhile) and applies `change`.
  void Record(Id id, const std::function<void(TimeEntry&)>& change) {
    auto lock = MaybeLock(store_mu_);
    TimeStore entries(&store_->db());
    StatusOr<TimeEntry> e = entries.Get(id);
    if (!e.ok()) return;
    change(*e);
    (void)entries.Update(*e);
  }

  // Basecamp has the entry (as `remote_id`): what is still owed for it.
  static void Adopt(TimeEntry& e, Id remote_id) {
    e.remote_id = remote_id;
    e.in_flight = false;
    e.error_code.clear();
    e.next_attempt_at = 0;
    if (e.deleted) {
      e.outbox = "delete";
    } else if (BodyOf(e) != e.sent_json) {
      e.outbox = "update";  // edited while the create was away
    } else {
      e.outbox.clear();
    }
    e.state = e.outbox.empty() ? "written" : "pending";
  }

  void Later(TimeEntry& e, const std::string& code) const {
    e.error_code = code;
    e.state = "pending";
    const int n = e.attempts < 1 ? 1 : (e.attempts > 7 ? 7 : e.attempts);
    Millis wait = kRetryBaseMs << (n - 1);
    e.next_attempt_at = deps_.clock->NowMs() + (wait > kRetryCapMs ? kRetryCapMs : wait);
  }

  static void Refuse(TimeEntry& e, const char* code) {
    e.in_flight = false;
    e.outbox.clear();
    e.state = "failed";
    e.error_code = code;
  }

  std::string Url(const std::string& path) const { return p_.account_href + path; }

  // Sends one write: 429/503 retried per the behaviour model, one refresh + replay on 401.
  StatusOr<basecamp::HttpResponse> Write(const std::string& method, const std::string& url, const std::string& body) {
    if (basecamp::OriginOf(url) != basecamp::OriginOf(deps_.basecamp_url)) {
      return Status(StatusCode::kFailedPrecondition, "refused to call another origin", errors::kBadPaginationLink);
    }
    StatusOr<std::string> token = tokens_->Token();
    if (!token.ok()) return token.status();
    for (int replay = 0;; ++replay) {
      StatusOr<basecamp::HttpResponse> response = SendModel(method, url, body, *token);
      if (!response.ok() || response->status != 401 || replay > 0) return response;
      token = tokens_->RefreshNow();
      if (!token.ok()) return token.status();
    }
  }

  StatusOr<basecamp::HttpResponse> SendModel(const std::string& method, const std::string& url,
                                             const std::string& body, const std::string& token) {
    basecamp::HttpRequest request;
    request.method = method;
    request.url = url;
    request.body = body;
    request.content_type = body.empty() ? "" : "application/json";
    request.headers = {{"Authorization", "Bearer " + token},
                       {"User-Agent", deps_.user_agent},
                       {"Accept", "application/json"}};
    Millis backoff = deps_.retry.base_delay_ms;
    for (int attempt = 1;; ++attempt) {
      int sent = 0;
      StatusOr<basecamp::HttpResponse> response = basecamp::SendWithRetry(
          *deps_.transport, request, *deps_.throttle, *deps_.clock, *deps_.sleeper, deps_.retry, &sent);
      result_->requests += sent;
      if (!response.ok()) return response;
      const int status = response->status;
      if ((status != 429 && status != 503) || attempt >= deps_.retry.max_attempts) return response;
      Millis delay = backoff;
      // A Retry-After of 0 (or none) means the normal backoff, never an immediate resend.
      if (auto retry_after = basecamp::ParseRetryAfter(response->Header("Retry-After"), deps_.clock->NowMs()); retry_after && *retry_after > 0)
        delay = *retry_after;
      backoff *= 2;
      deps_.throttle->HoldUntil(deps_.clock->NowMs() + delay);
      deps_.sleeper->SleepMs(delay);
    }
  }

  // Reads the to-do's timesheet back: the matching remote id, 0 when none; an error when the
  // timesheet could not be read.
  StatusOr<Id> ReadBack(const TimeEntry& e) {
    const int before = api_.request_count();
    StatusOr<std::vector<json>> items =
        api_.GetAllPages(Url("/recordings/" + std::to_string(e.todo_id) + "/timesheet.json"));
    result_->requests += api_.request_count() - before;
    if (!items.ok()) return items.status();
    json sent = json::parse(e.sent_json.empty() ? BodyOf(e) : e.sent_json, nullptr, false);
    if (sent.is_discarded()) sent = json::parse(BodyOf(e));
    for (const json& item : *items) {
      if (Matches(item, e.marker, sent) && item.contains("id") && item["id"].is_number_integer()) return item["id"].get<Id>();
    }
    return Id{0};
  }

  bool Create(TimeEntry& e) {
    if (e.in_flight) {
      StatusOr<Id> found = ReadBack(e);
      if (!found.ok()) {
        const bool gone = found.status().error_code() == errors::kNotVisible;
        Record(e.id, [&](TimeEntry& r) {
          if (gone) {
            Refuse(r, errors::kTimeTodoGone);
          } else {
            Later(r, found.status().error_code().empty() ? errors::kUnavailable : found.status().error_code());
          }
        });
        ++(gone ? result_->failed : result_->pending);
        return false;
      }
      if (*found != 0) {
        Record(e.id, [&](TimeEntry& r) { Adopt(r, *found); });
        return true;
      }
      e.in_flight = false;  // Basecamp does not have it: it may be sent (again)
    }
    if (e.deleted) {
      Record(e.id, [&](TimeEntry& r) {
        r.in_flight = false;
        r.outbox.clear();
        r.state = "deleted";
      });
      ++result_->deleted;
      return false;
    }
    if (e.person_id == 0) e.person_id = p_.person_id;
    const std::string body = BodyOf(e);
    // Committed before the POST leaves: a crash from here on leaves the entry in flight.
    Record(e.id, [&](TimeEntry& r) {
      r.person_id = e.person_id;
      r.in_flight = true;
      r.sent_json = body;
      ++r.attempts;
    });
    StatusOr<basecamp::HttpResponse> response =
        Write("POST", Url("/recordings/" + std::to_string(e.todo_id) + "/timesheet/entries.json"), body);
    if (crash_after_send_) {
      result_->crashed = true;
      return false;
    }
    if (!response.ok()) {  // no answer: maybe stored; read back next
      Record(e.id, [&](TimeEntry& r) { r.error_code = errors::kUnavailable; });
      return true;
    }
    const int status = response->status;
    if (status == 200 || status == 201) {
      json created = json::parse(response->body, nullptr, false);
      if (!created.is_discarded() && created.contains("id") && created["id"].is_number_integer()) {
        Record(e.id, [&](TimeEntry& r) { Adopt(r, created["id"].get<Id>()); });
        return true;
      }
      return true;  // stored, but we cannot tell its id: read back
    }
    if (const char* code = RefusalCode(status)) {
      Record(e.id, [&](TimeEntry& r) { Refuse(r, code); });
      ++result_->failed;
      return false;
    }
    if (status == 429 || status == 503 || status == 401) {  // not processed: nothing stored
      Record(e.id, [&](TimeEntry& r) {
        r.in_flight = false;
        Later(r, status == 429 ? errors::kRateLimited : status == 401 ? errors::kTokenRevoked : errors::kUnavailable);
      });
      ++result_->pending;
      return false;
    }
    // 500/502/504 and the rest: Basecamp may have stored it; stay in flight, read back later.
    Record(e.id, [&](TimeEntry& r) { Later(r, errors::kUnavailable); });
    ++result_->pending;
    return false;
  }

  bool Update(TimeEntry& e) {
    const std::string body = BodyOf(e);
    StatusOr<basecamp::HttpResponse> response =
        Write("PUT", Url("/timesheet_entries/" + std::to_string(e.remote_id) + ".json"), body);
    const int status = response.ok() ? response->status : 0;
    if (status == 200 || status == 204) {
      Record(e.id, [&](TimeEntry& r) {
        r.sent_json = body;
        Adopt(r, r.remote_id);
      });
      return true;
    }
    // PUT is idempotent: simply sent again next time.
    return RefuseOrRetryLater(e, status);
  }

  bool Delete(TimeEntry& e) {
    StatusOr<basecamp::HttpResponse> response =
        Write("DELETE", Url("/timesheet_entries/" + std::to_string(e.remote_id) + ".json"), "");
    const int status = response.ok() ? response->status : 0;
    if (status == 200 || status == 204 || status == 404) {  // 404: already gone
      Record(e.id, [&](TimeEntry& r) {
        r.outbox.clear();
        r.state = "deleted";
        r.error_code.clear();
      });
      ++result_->deleted;
      return false;
    }
    return RefuseOrRetryLater(e, status);
  }

  // An idempotent write (PUT, DELETE) that did not succeed: a refusal (422/403/404/507) ends
  // in its catalogue code on the entry; anything else is sent again on the next pass.
  bool RefuseOrRetryLater(const TimeEntry& e, int status) {
    if (const char* code = RefusalCode(status)) {
      Record(e.id, [&](TimeEntry& r) { Refuse(r, code); });
      ++result_->failed;
      return false;
    }
    Record(e.id, [&](TimeEntry& r) {
      ++r.attempts;
      Later(r, status == 429 ? errors::kRateLimited : errors::kUnavailable);
    });
    ++result_->pending;
    return false;
  }

  store::Store* store_;
  std::mutex* store_mu_;
  const basecamp::ApiDeps& deps_;
  basecamp::TokenSource* tokens_;
  store::PersonalIntegration p_;
  bool crash_after_send_;
  basecamp::ApiClient api_;
  FlushResult* result_;
};

}  // namespace

bool MatchesSent(const json& remote, const std::string& marker, const json& sent) {
  return Matches(remote, marker, sent);
}

TimeWriter::TimeWriter(store::Store* store, oauth::LaunchpadClient* launchpad, basecamp::ApiDeps deps,
                       std::mutex* store_mu)
    : store_(store), launchpad_(launchpad), deps_(std::move(deps)), store_mu_(store_mu) {}

std::shared_ptr<std::mutex> TimeWriter::UserMutex(Id user_id) {
  std::lock_guard<std::mutex> lock(user_locks_mu_);
  std::shared_ptr<std::mutex>& mu = user_locks_[user_id];
  if (!mu) mu = std::make_shared<std::mutex>();
  return mu;
}

FlushResult TimeWriter::Flush(Id user_id, bool force) {
  std::shared_ptr<std::mutex> user_mu = UserMutex(user_id);
  std::lock_guard<std::mutex> one_flush_per_user(*user_mu);
  FlushResult result;
  store::PersonalIntegration p;
  std::vector<TimeEntry> due;
  {
    auto lock = MaybeLock(store_mu_);
    StatusOr<store::User> user = store_->GetUser(user_id);
    StatusOr<store::PersonalIntegration> personal = store_->GetPersonal(user_id);
    if (!user.ok() || !personal.ok()) return result;
    StatusOr<store::CompanyIntegration> company = store_->GetCompanyIntegration(user->company_id);
    // Without both switches on there is no grant to write with: the entries wait, unchanged.
    if (!company.ok() || company->state != "on" || personal->state != "on") return result;
    p = *personal;
    StatusOr<std::vector<TimeEntry>> entries = TimeStore(&store_->db()).Due(user_id, force ? -1 : deps_.clock->NowMs());
    if (!entries.ok()) return result;
    due = std::move(*entries);
  }
  sync::UserTokens tokens(store_, launchpad_, deps_.clock, &p, store_mu_);
  Flusher flusher(store_, store_mu_, deps_, &tokens, p, crash_after_send_, &result);
  for (const TimeEntry& e : due) {
    flusher.Process(e.id);
    if (result.crashed) break;
  }
  {
    auto lock = MaybeLock(store_mu_);
    TimeStore entries(&store_->db());
    for (const TimeEntry& e : due) {
      StatusOr<TimeEntry> now = entries.Get(e.id);
      if (now.ok() && now->state == "written") ++result.written;
    }
  }
  return result;
}

void TimeWriter::FlushDue() {
  std::vector<Id> users;
  {
    auto lock = MaybeLock(store_mu_);
    StatusOr<std::vector<Id>> owed = TimeStore(&store_->db()).UsersWithOutbox();
    if (!owed.ok()) return;
    users = std::move(*owed);
  }
  for (Id user : users) (void)Flush(user);
}

}  // namespace bcsync::timetrack
