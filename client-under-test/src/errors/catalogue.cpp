#include "errors/catalogue.h"

namespace bcsync::errors {

const std::vector<ErrorInfo>& Catalogue() {
  static const std::vector<ErrorInfo> kAll = {
      {kMultipleAccounts, "Sync Error 108: several Basecamp accounts under one login",
       "Sync Error 108: your Basecamp login holds more than one Basecamp account, so we cannot tell which one to sync.",
       "The Basecamp ID used to connect belongs to several Basecamp 3/4 (or Basecamp 2) accounts.",
       "company owner or admin",
       "Connect with a Basecamp login that holds only one Basecamp account, or ask your owner or admin to switch "
       "the company to account choice (account mode `choose`) and pick the account."},
      {kNoBasecampAccount, "No Basecamp account in this login",
       "The Basecamp login you connected has no Basecamp 3/4 or Basecamp 2 account.",
       "The login only holds other products (Campfire, HEY, Basecamp Classic) or its accounts were cancelled.",
       "you", "Connect again with the Basecamp login you use for your company's Basecamp."},
      {kAccountNotInLogin, "Your login lacks the company's Basecamp account",
       "The Basecamp login you connected is not a member of the Basecamp account your company linked.",
       "You signed in to Basecamp with another login, or you were never added to the company's account.",
       "you", "Ask a Basecamp admin to add you to the account, or connect again with the right Basecamp login."},
      {kAccountNotChosen, "Basecamp account not chosen yet",
       "Your company has not chosen which Basecamp account to sync yet.",
       "The company's Basecamp login holds several accounts and nobody picked one.",
       "company owner or admin", "Open Settings > Company Integrations > Basecamp and pick the account."},
      {kWrongAccount, "Possibly the wrong Basecamp login",
       "The Basecamp login linked to your tracker user looks like someone else's.",
       "The browser was signed in to another person's Basecamp when you connected; Launchpad skipped the login.",
       "you",
       "Sign out of Basecamp (launchpad) in your browser, then turn your integration OFF and ON again and sign in "
       "with your own Basecamp login."},
      {kCompanyOff, "Basecamp is off for your company",
       "Basecamp is turned off for your company, so nothing was synced.",
       "An owner or admin has not turned the company integration on, or turned it off.",
       "company owner or admin", "Ask your company owner or admin to turn on Basecamp in Company Integrations."},
      {kPersonalOff, "Your Basecamp integration is off",
       "Your personal Basecamp integration is off, so nothing was synced.",
       "You have not turned the integration on, or turned it off.", "you",
       "Open Settings > Integration Settings and press ON next to Basecamp."},
      {kPasswordChanged, "Reconnect Basecamp: password changed",
       "Basecamp refused our access because your Basecamp password was changed. Syncing is paused.",
       "Changing or resetting a Basecamp password ends every connected app's access.", "you",
       "Open Settings > Integration Settings and turn Basecamp ON again to reconnect."},
      {kTokenRevoked, "Reconnect Basecamp: access revoked",
       "Basecamp no longer accepts our access for your login (it was revoked). Syncing is paused.",
       "The app's access was removed in Launchpad, or the grant is no longer valid.", "you",
       "Open Settings > Integration Settings and turn Basecamp ON again to reconnect."},
      {kNoAccountsLeft, "Reconnect Basecamp: no accounts left",
       "Your Basecamp login no longer has access to any Basecamp account. Syncing is paused.",
       "You were removed from every Basecamp account, or the accounts were cancelled (\"Unknown Basecamp ID.\").",
       "Basecamp account admin",
       "Ask a Basecamp admin to add you back, then turn Basecamp ON again in Integration Settings."},
      {kAccountInactive, "Basecamp account inactive",
       "The linked Basecamp account is inactive (trial ended, suspended or cancelled).",
       "Basecamp answers 404 with \"Reason: Account Inactive\" for every call to the account.",
       "Basecamp account admin", "A Basecamp account owner must reactivate the account; syncing resumes by itself."},
      {kApiDisabled, "Basecamp API disabled",
       "API access is switched off for the linked Basecamp account.",
       "Basecamp answers 404 with \"Reason: API Disabled\"; an administrator turned the API off.",
       "Basecamp account admin", "An administrator can re-enable API access in Basecamp's Adminland."},
      {kRateLimited, "Sync delayed: Basecamp rate limit",
       "Basecamp asked us to slow down and kept doing so after several tries. The next automatic sync will try again.",
       "Basecamp allows about 50 requests per 10 seconds per IP address, shared by everyone on this server.",
       "nobody (wait)", "Wait for the next automatic sync, or press Sync again in a minute."},
      {kUnavailable, "Basecamp unavailable",
       "Basecamp did not answer or answered with a server error. Your tasks were not changed.",
       "A Basecamp outage, a network problem or a timeout.", "nobody (wait)",
       "Wait a few minutes and press Sync again; the automatic sync also retries."},
      {kNotVisible, "No longer visible in Basecamp",
       "An item is no longer visible to your Basecamp login (deleted, or you were removed from the project).",
       "Basecamp answers 404 for items you cannot see.", "Basecamp account admin",
       "Ask a Basecamp admin to add you back to the project if you still need it."},
      {kStateMismatch, "Connection refused: state mismatch",
       "We refused this Basecamp connection because it did not start from your session here (or it expired).",
       "The OAuth state was missing, reused, expired or belonged to another session (possible CSRF).", "you",
       "Start again from Settings with the Turn it on / ON button in the same browser."},
      {kAccessDenied, "Basecamp access denied",
       "You pressed Deny in Basecamp, so the integration stays off.", "The consent screen was declined.", "you",
       "Press Turn it on / ON again and choose Allow."},
      {kTokenExchangeFailed, "Connection failed",
       "Basecamp did not accept the authorization code, so the integration was not connected.",
       "The code expired (codes are short-lived) or was used twice.", "you",
       "Try connecting again."},
      {kClientMisconfigured, "Tracker misconfigured: wrong Basecamp app credentials",
       "The tracker's Basecamp app credentials are wrong, so Basecamp refused to talk to it. This is not "
       "your fault and reconnecting will not help.",
       "Launchpad answers 401 invalid_client: the tracker's client id or client secret does not match its "
       "Basecamp app registration (mistyped, rotated, or the app was deleted).",
       "the tracker's operator",
       "Tell whoever runs this tracker: set the right BCSYNC_CLIENT_ID / BCSYNC_CLIENT_SECRET (or "
       "--client-id / --client-secret) from the Basecamp app registration and restart it. Your connection "
       "stays as it is."},
      {kSyncSuperseded, "Sync discarded: your connection changed",
       "Your Basecamp connection was turned off or reconnected while this sync ran, so its result was "
       "discarded. Your tasks were not changed.",
       "Someone turned the company or personal integration off, or you reconnected, during the sync.",
       "nobody (wait)", "Press Sync again; it uses the new settings."},
      {kBadPaginationLink, "Unexpected Basecamp page link",
       "Basecamp sent a link to another site (a next page or an item's address), so we stopped. Your tasks "
       "were not changed.",
       "A Link header or a URL in a Basecamp response pointed outside the configured Basecamp origin.", "nobody (report it)",
       "Report it to support with the request ids of this sync."},
      {kUnexpectedResponse, "Unexpected Basecamp response",
       "Basecamp sent a response we could not understand. Your tasks were not changed.",
       "Malformed or truncated JSON, or an unexpected status code.", "nobody (report it)",
       "Press Sync again; if it persists, report it with the request ids of this sync."},
      {kAdminOnly, "Only an owner or admin can do this",
       "Only your company owner or an admin can change the company's integrations and tracker settings.",
       "A user without the owner or admin role opened a company-wide setting.", "company owner or admin",
       "Ask your company owner or an admin to make the change."},
      {kLoginThrottled, "Log-in paused: too many failed attempts",
       "Too many failed log-ins for this account or from this address. Log-in is paused for 15 "
       "minutes; try again later.",
       "Five wrong passwords for one account, or twenty from one address, within 15 minutes "
       "(someone guessing, or a forgotten password). Even the right password waits.",
       "nobody (wait)",
       "Wait 15 minutes, then log in with the right password; ask an owner or admin if you "
       "forgot it."},
      {kPermissionDenied, "Basecamp refused: not allowed for your login",
       "Basecamp says your login is not allowed to do this in the linked account (403 Forbidden), so we "
       "stopped. Your tasks were not changed.",
       "Your role in the Basecamp account does not allow it: for example a client or guest login, or a "
       "permission an admin took away. It is not a deleted item (that is a 404).",
       "Basecamp account admin",
       "Ask a Basecamp admin to check your role and access in that account (Adminland > people), then press "
       "Sync again."},
      {kPlanLimit, "Basecamp plan limit reached",
       "The linked Basecamp account has reached a limit of its plan (507), for example its storage, project "
       "or webhook limit. Trying again will not help until the limit is raised.",
       "Basecamp answers 507 Insufficient Storage when an account limit is reached, e.g. \"The project "
       "limit for this account has been reached.\"",
       "Basecamp account admin",
       "Ask a Basecamp account owner to upgrade the plan or free space (delete or archive what is no longer "
       "needed), then try again."},
      {kTimeRejected, "Time not written: Basecamp refused the entry",
       "Basecamp refused this time entry (422), so it is not on the to-do's timesheet. It is kept here.",
       "The project's timesheet is turned off, or Basecamp does not accept the date, hours or person.",
       "company owner or admin",
       "Ask a Basecamp admin to turn on the timesheet for the project, or edit the entry (date, duration) to "
       "send it again."},
      {kTimeForbidden, "Time not written: not allowed",
       "Basecamp does not allow you to log time on this to-do (403). The entry is kept here.",
       "Your Basecamp person cannot log or change time in this project (a client, or no timesheet access).",
       "Basecamp account admin",
       "Ask a Basecamp admin to give you timesheet access in the project, then edit the entry to send it again."},
      {kTimeTodoGone, "Time not written: the to-do is gone",
       "The Basecamp to-do (or its timesheet entry) no longer exists or is not visible to you (404). The entry is "
       "kept here.",
       "The to-do was deleted or moved out of your reach, or someone deleted the timesheet entry in Basecamp.",
       "you",
       "Log the time on another task, or ask to be added back to the project."},
      {kTimePlanLimit, "Time not written: Basecamp plan limit",
       "Basecamp refused the entry because the account reached a limit of its plan (507). The entry is kept "
       "here and is not sent again by itself.",
       "The Basecamp account is over its plan's storage or usage limit.",
       "Basecamp account admin",
       "A Basecamp account owner can upgrade the plan or free space; then edit the entry to send it again."},
  };
  return kAll;
}

const ErrorInfo& Lookup(const std::string& code) {
  for (const ErrorInfo& info : Catalogue()) {
    if (info.code == code) return info;
  }
  static const ErrorInfo kUnknown{"", "Unknown error", "Something went wrong while syncing.", "Unknown.",
                                  "nobody (report it)", "Report it to support."};
  return kUnknown;
}

bool IsWarning(const std::string& code) { return code == kWrongAccount; }

std::string RenderMarkdown() {
  std::string out =
      "# bcsync sync errors\n\n"
      "Generated from `client-under-test/src/errors/catalogue.cpp` (the one source of truth);\n"
      "a unit test checks this file is identical. Codes are stable: scenarios compare them\n"
      "(`sync_error {code}`, `warning {code}`). 108 keeps the number the seed product used;\n"
      "the `BC_` codes are ours.\n\n"
      "| Code | Title | Who can fix it |\n|---|---|---|\n";
  for (const ErrorInfo& info : Catalogue()) {
    out += "| `" + info.code + "` | " + info.title + " | " + info.fixer + " |\n";
  }
  for (const ErrorInfo& info : Catalogue()) {
    out += "\n## `" + info.code + "`: " + info.title + "\n\n";
    out += "- **What you read:** " + info.message + "\n";
    out += "- **Likely cause:** " + info.cause + "\n";
    out += "- **Who can fix it:** " + info.fixer + "\n";
    out += "- **Help:** " + info.help + "\n";
  }
  return out;
}

}  // namespace bcsync::errors
