// Walks every operation of the document once, in an order that lets ids flow from one call to
// the next, and classifies each answer.
//
//   seed     GETs the given roots and then every `url` of the account that the answers carry
//            (breadth first, each once, at most `seed_limit`): the world's ids, found the way a
//            client finds them. Not counted.
//   phase 0  creates: every POST but moves (…/moves.json, …/positions.json)
//   phase 1  reads: every GET
//   phase 2  updates: every PUT but status/trashed, and the moves; unarchiving
//            (status/active) last
//   phase 3  deletes: every DELETE and PUT status/trashed; undoing toggles (a path ending in a
//            literal: completion, pin, subscription) first, then removals deepest path first
//            (so children go before their containers), trashing last
// Within a phase operations keep document order, except that one whose path needs an id no
// answer has shown yet waits until the rest of the phase has run; it is retried while that
// makes progress, then carried into the next phase (a POST for an event's boosts needs the id a
// read of the events shows), and at the very end sent with a made-up id and counted as not
// served. Removals take the newest id the probe created itself where one fits; every other
// call the first id seen.
//
// Deterministic: the same document, world and transport answers give the same requests and
// results. The transport is passed in (tests give canned answers).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "probe/classify.h"
#include "probe/document.h"
#include "probe/pool.h"
#include "probe/request.h"

namespace bcsim::probe {

struct HttpAnswer {
  int status = 0;  // 0: no answer
  std::string body;
  std::string error;  // why there was no answer
};

// Sends one request (the transport adds Accept, Authorization and User-Agent).
using Transport = std::function<HttpAnswer(const ProbeRequest&)>;

struct ProbeOptions {
  std::string account_id;           // fills {accountId}
  std::string origin;               // "http://127.0.0.1:PORT": urls under it are followed
  std::vector<std::string> seeds;   // paths GET first, e.g. "/4000001/projects.json"
  int seed_limit = 2000;
};

struct Result {
  const Operation* op = nullptr;
  int phase = 0;
  std::string target;  // what was sent
  int status = 0;
  Verdict verdict;
};

enum Phase { kCreate = 0, kRead = 1, kUpdate = 2, kDelete = 3 };
int PhaseOf(const Operation& op);
const char* PhaseName(int phase);

class Prober {
 public:
  Prober(Document& doc, Transport transport, ProbeOptions options);

  // The seed crawl; returns how many requests it made.
  int Seed();
  // Every operation once, in probe order.
  std::vector<Result> Run();

  const IdPool& pool() const { return pool_; }

 private:
  Result RunOne(const Operation& op, int phase);

  Document& doc_;
  Transport transport_;
  ProbeOptions options_;
  IdPool pool_;
};

}  // namespace bcsim::probe
