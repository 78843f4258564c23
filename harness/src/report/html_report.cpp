// The HTML report as a trace viewer: the summary is HTML, everything per scenario is one JSON
// document in the page (bodies, pages and screenshots stored once each) drawn by the inline
// script when a scenario is opened, so the whole library's report stays small and opens fast.
#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "harness/reports.h"

namespace bcsim::harness {
namespace {

std::string Ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f ms", ms);
  return buf;
}

constexpr std::size_t kMaxRowsPerStep = 1000;

// Every distinct body, page and screenshot once; rows refer to them by index (-1: none).
// Bodies, pages and screenshots, each stored once. A text much like the last one of its kind
// (the same first 16 bytes: bcsync's pages share their head, top bar and navigation) is stored
// as a delta: [base index, UTF-16 units of the base's prefix kept, units of its suffix kept,
// the middle]; the report's script rebuilds every delta once, in order, when it loads (a base
// always comes before its deltas). That keeps the whole library's report under 5 MB.
class Blobs {
 public:
  int Add(const std::string& text) {
    if (text.empty()) return -1;
    auto [it, fresh] = index_.emplace(text, static_cast<int>(texts_.size()));
    if (!fresh) return it->second;
    const int id = static_cast<int>(texts_.size());
    texts_.push_back(text);
    out_.push_back(text);
    if (text.size() >= kMinDelta) {
      const std::string kind = text.substr(0, 16);
      auto last = last_of_kind_.find(kind);
      if (last != last_of_kind_.end()) Delta(last->second, id);
      last_of_kind_[kind] = id;
    }
    return id;
  }
  nlohmann::json Json() const { return out_; }

 private:
  static constexpr std::size_t kMinDelta = 512;

  // UTF-16 code units of a UTF-8 byte range (what JavaScript's slice counts).
  static std::size_t Units(const std::string& s, std::size_t from, std::size_t to) {
    std::size_t n = 0;
    for (std::size_t i = from; i < to; ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if ((c & 0xC0) != 0x80) n += c >= 0xF0 ? 2 : 1;
    }
    return n;
  }
  static bool Continuation(const std::string& s, std::size_t i) {
    return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  }

  void Delta(int base_id, int id) {
    const std::string& base = texts_[static_cast<std::size_t>(base_id)];
    const std::string& text = texts_[static_cast<std::size_t>(id)];
    const std::size_t most = std::min(base.size(), text.size());
    std::size_t pre = 0;
    while (pre < most && base[pre] == text[pre]) ++pre;
    while (pre > 0 && (Continuation(base, pre) || Continuation(text, pre))) --pre;
    std::size_t suf = 0;
    while (suf < most - pre && base[base.size() - 1 - suf] == text[text.size() - 1 - suf]) ++suf;
    while (suf > 0 && (Continuation(base, base.size() - suf) ||
                       Continuation(text, text.size() - suf)))
      --suf;
    if (pre + suf < 256) return;  // not worth it
    out_[static_cast<std::size_t>(id)] = nlohmann::json::array(
        {base_id, Units(base, 0, pre), Units(base, base.size() - suf, base.size()),
         text.substr(pre, text.size() - pre - suf)});
  }

  std::map<std::string, int> index_;
  std::vector<std::string> texts_;
  nlohmann::json out_ = nlohmann::json::array();
  std::map<std::string, int> last_of_kind_;
};

nlohmann::json Headers(const std::vector<std::pair<std::string, std::string>>& headers) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [k, v] : headers) out.push_back({k, v});
  return out;
}

nlohmann::json ExchangeJson(const Exchange& e, Blobs& blobs) {
  nlohmann::json j = {{"t", IsoTime(e.at_ms)},
                      {"src", e.source},
                      {"m", e.method},
                      {"u", e.url},
                      {"s", e.status},
                      {"from", e.from.empty() ? "browser" : e.from},
                      {"to", e.to.empty() ? "tracker" : e.to}};
  if (!e.note.empty()) j["note"] = e.note;
  if (e.checker) j["chk"] = 1;
  if (!e.faults.empty()) j["faults"] = e.faults;
  if (!e.request_headers.empty()) j["rqh"] = blobs.Add(Headers(e.request_headers).dump());
  if (!e.response_headers.empty()) j["rsh"] = blobs.Add(Headers(e.response_headers).dump());
  if (int b = blobs.Add(e.request_body); b >= 0) j["rqb"] = b;
  if (int b = blobs.Add(e.response_body); b >= 0) j["rsb"] = b;
  return j;
}

nlohmann::json ScenarioJson(const ScenarioResult& r, Blobs& blobs) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& st : r.steps) {
    nlohmann::json s = {
        {"title", st.title},          {"kind", st.kind},
        {"mark", st.mark.ToString()}, {"ok", st.ok},
        {"t", IsoTime(st.at_ms)},     {"ms", static_cast<long long>(st.duration_ms + 0.5)}};
    if (!st.ok) s["failure"] = st.failure;
    if (!st.notes.empty()) s["notes"] = st.notes;
    nlohmann::json diffs = nlohmann::json::array();
    for (const auto& d : st.diffs)
      diffs.push_back({{"what", d.what}, {"expected", d.expected}, {"found", d.found}});
    if (!diffs.empty()) s["diffs"] = diffs;
    nlohmann::json pages = nlohmann::json::array();
    for (const auto& p : st.pages) {
      nlohmann::json pj = {
          {"browser", p.browser}, {"url", p.url}, {"s", p.status}, {"html", blobs.Add(p.html)}};
      if (int png = blobs.Add(p.png_base64); png >= 0) pj["png"] = png;
      pages.push_back(pj);
    }
    if (!pages.empty()) s["pages"] = pages;
    nlohmann::json ex = nlohmann::json::array();
    for (const auto& e : st.exchanges) {
      if (ex.size() == kMaxRowsPerStep) break;
      ex.push_back(ExchangeJson(e, blobs));
    }
    s["ex"] = ex;
    if (st.exchanges.size() > kMaxRowsPerStep) {  // a page a person can still scroll
      if (!s.contains("notes")) s["notes"] = nlohmann::json::array();
      s["notes"].push_back(std::to_string(st.exchanges.size() - kMaxRowsPerStep) +
                           " more requests of this step not shown (the report keeps " +
                           std::to_string(kMaxRowsPerStep) + " per step)");
    }
    steps.push_back(s);
  }
  nlohmann::json j = {{"name", r.name}, {"file", r.file}, {"passed", r.passed}, {"steps", steps}};
  if (!r.passed) j["failure"] = r.failure;
  if (!r.summary.empty()) j["summary"] = r.summary;
  return j;
}

// JSON that is safe inside <script>: no "<" (so no "</script>" or "<!--"), bad UTF-8 replaced.
std::string ScriptJson(const nlohmann::json& j) {
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(s.size() + s.size() / 32);
  for (char c : s) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

const char* kStyle = R"css(
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em 2em;color:#222}
h1{font-size:1.4em;margin:.2em 0}.pass{color:#176f2c}.fail{color:#b00020}
.mark{color:#777;font-size:12px}
table{border-collapse:collapse}
td,th{padding:2px 6px;text-align:left;vertical-align:top;font-size:13px}
#summary td,#summary th{border-bottom:1px solid #eee}
.tag{background:#eef;border-radius:3px;padding:0 4px;
margin-right:3px;font-size:12px}
details.scenario{border:1px solid #ddd;border-radius:6px;margin:.6em 0;
padding:.4em .8em}details.scenario>summary{cursor:pointer;font-weight:600}
pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap;word-break:break-all;margin:.3em 0;
max-height:30em;
overflow:auto}pre.failure{background:#fff3f3}.step{margin:.8em 0 .2em;font-weight:600}
.step.fail{background:#fff3f3;border-left:4px solid #b00020;padding-left:.4em}
table.lanes{width:100%;margin:.2em 0}
table.lanes th{font-size:11px;color:#555;border-bottom:1px solid #ccc}
table.lanes td{border-bottom:1px solid #f0f0f0}table.lanes tr.row{cursor:pointer}
table.lanes tr.row:hover{background:#f4f8ff}
td.t{white-space:nowrap;color:#555;font-family:monospace;font-size:12px}
td.lane{width:5.5em;text-align:center;vertical-align:middle;font-size:12px;color:#999}td.lane.on{color:#222}
td.lane.mid{background:linear-gradient(#88a,#88a) center/100% 2px no-repeat}
td.u{font-family:monospace;font-size:12px;word-break:break-all}
.st{display:inline-block;min-width:2.4em;text-align:center;border-radius:3px;color:#fff;
font-size:12px}
.s0{background:#555}.s1,.s2{background:#2e7d32}.s3{background:#1565c0}.s4{background:#ef6c00}
.s5{background:#c62828}
tr.fault{background:#fff0d8}tr.fault td.u::before{content:"\26A1 ";}
.faults{color:#8a4b00;font-size:12px}tr.checker{color:#888}
body:not(.show-checker) tr.checker,body:not(.show-checker) tr.checker+tr.detail{display:none}
body.show-checker .folded{display:none}body:not(.show-checker) table.checker-only{display:none}
tr.detail>td{background:#fafafa}tr.detail h4{margin:.3em 0 0;font-size:12px}
.diff{border:1px solid #e0c0c0;border-radius:4px;margin:.3em 0;padding:.3em .6em;background:#fffafa}
.diff .what{font-size:12px;color:#555}.diff del{background:#ffd7d7;text-decoration:line-through}
.diff ins{background:#d4f7d4;text-decoration:none}.diff .line{font-family:monospace;font-size:12px}
iframe.snapshot{width:100%;height:22em;border:1px solid #ccc;background:#fff}
img.shot{max-width:100%;border:1px solid #ccc}details.page{margin:.3em 0}
.note{color:#555;font-size:12px}
)css";

// Draws a scenario from DATA when it is opened. Text only through textContent and srcdoc
// (never innerHTML from data), so nothing in a body can run or escape its box.
const char* kScript = R"js(
(function(){
const DATA=JSON.parse(document.getElementById('bcsim-data').textContent);
DATA.blobs.forEach(function(x,i){if(Array.isArray(x)){const b=DATA.blobs[x[0]];
  DATA.blobs[i]=b.slice(0,x[1])+x[3]+b.slice(b.length-x[2]);}});
const LANES=['browser','tracker','basecamp','launchpad','control'];
function el(tag,cls,text){const e=document.createElement(tag);if(cls)e.className=cls;
  if(text!==undefined&&text!==null)e.textContent=String(text);return e;}
function blob(i){return i===undefined||i<0?'':DATA.blobs[i];}
function tokens(s){return s.match(/"[^"]*"|[^\s,\[\]{}()]+|[,\[\]{}()]/g)||[];}
function lcs(a,b){const n=a.length,m=b.length,d=[];for(let i=0;i<=n;
  i++){d.push(new Array(m+1).fill(0));}
  for(let i=n-1;i>=0;i--)for(let j=m-1;j>=0;
  j--)d[i][j]=a[i]===b[j]?d[i+1][j+1]+1:Math.max(d[i+1][j],d[i][j+1]);
  const ka=new Set(),kb=new Set();let i=0,j=0;while(i<n&&j<m){if(a[i]===b[j]){ka.add(i);kb.add(j);
  i++;j++;}
  else if(d[i+1][j]>=d[i][j+1])i++;else j++;}return [ka,kb];}
function diffLine(label,toks,keep,tag){const line=el('div','line');
  line.appendChild(el('b',null,label));
  toks.forEach((t,i)=>{line.appendChild(document.createTextNode(' '));
    line.appendChild(keep.has(i)?document.createTextNode(t):el(tag,null,t));});return line;}
function drawDiff(d){const box=el('div','diff');box.appendChild(el('div','what',d.what));
  const a=tokens(d.expected).slice(0,400),b=tokens(d.found).slice(0,400);const [ka,kb]=lcs(a,b);
  box.appendChild(diffLine('expected:',a,ka,'del'));
  box.appendChild(diffLine('found:',b,kb,'ins'));return box;}
function pre(text){return el('pre',null,text);}
function headers(i){const h=blob(i);if(!h)return '';
  try{return JSON.parse(h).map(p=>p[0]+': '+p[1]).join('\n');}
  catch(e){return h;}}
function detail(x,cols){const tr=el('tr','detail');const td=el('td');td.colSpan=cols;
  tr.appendChild(td);
  if(x.faults)x.faults.forEach(f=>td.appendChild(el('div','faults','fault '+f)));
  if(x.note)td.appendChild(el('div','note','note: '+x.note));
  td.appendChild(el('h4',null,'request: '+x.m+' '+x.u));
  td.appendChild(pre(headers(x.rqh)||'(no headers kept)'));
  if(x.rqb!==undefined)td.appendChild(pre(blob(x.rqb)));
  td.appendChild(el('h4',null,'response: '+(x.s||'no response')));
  td.appendChild(pre(headers(x.rsh)||'(no headers kept)'));
  if(x.rsb!==undefined)td.appendChild(pre(blob(x.rsb)));
  tr.hidden=true;return tr;}
function lanes(ex){const t=el('table','lanes');const h=el('tr');
  ['virtual time'].concat(LANES,['request','status']).forEach(c=>h.appendChild(el('th',null,c)));
  t.appendChild(h);
  ex.forEach(x=>{const tr=el('tr','row');tr.dataset.from=x.from;tr.dataset.to=x.to;
    if(x.chk)tr.classList.add('checker');if(x.faults)tr.classList.add('fault');
    tr.appendChild(el('td','t',x.t));
    let a=LANES.indexOf(x.from==='checker'?'browser':x.from),b=LANES.indexOf(x.to);if(a<0)a=0;
  if(b<0)b=a;
    const lo=Math.min(a,b),hi=Math.max(a,b);
    LANES.forEach((l,i)=>{const td=el('td','lane');if(i===a){td.classList.add('on');
  td.textContent=x.chk?'\u25CB checker':'\u25CF';}
      else if(i===b){td.classList.add('on');td.textContent=a<b?'\u25B6':'\u25C0';}
      else if(i>lo&&i<hi)td.classList.add('mid');td.title=l;tr.appendChild(td);});
    tr.appendChild(el('td','u',x.m+' '+x.u+(x.faults?'  ['+x.faults.join('; ')+']':'')));
    const st=el('td');st.appendChild(el('span','st s'+String(x.s||0)[0],x.s||'none'));
  tr.appendChild(st);
    const d=detail(x,LANES.length+3);tr.addEventListener('click',()=>{d.hidden=!d.hidden;});
    t.appendChild(tr);t.appendChild(d);});return t;}
function page(p,open){const d=el('details','page');
  const s=el('summary',null,'page '+p.browser+' saw: '+p.url+' ('+p.s+')');
  d.appendChild(s);let drawn=false;const draw=()=>{if(drawn)return;drawn=true;
    if(p.png!==undefined){const img=el('img','shot');img.alt='screenshot of '+p.url;
  img.src='data:image/png;base64,'+blob(p.png);d.appendChild(img);}
    const f=document.createElement('iframe');f.className='snapshot';f.setAttribute('sandbox','');
    f.setAttribute('referrerpolicy','no-referrer');f.title='the page '+p.browser+' saw';
  f.srcdoc=blob(p.html);d.appendChild(f);};
  d.addEventListener('toggle',()=>{if(d.open)draw();});if(open){d.open=true;draw();}return d;}
function draw(i,box){const s=DATA.scenarios[i];if(s.summary)box.appendChild(el('p',null,s.summary));
  if(!s.passed)box.appendChild(el('pre','failure',s.failure));
  s.steps.forEach(st=>{const h=el('div','step'+(st.ok?'':' fail'));
    h.appendChild(el('span',st.ok?'pass':'fail',st.ok?'\u2713 ':'\u2717 '));
  h.appendChild(document.createTextNode(st.title+' '));
    h.appendChild(el('span','mark',st.mark+' \u00B7 '+st.t+' \u00B7 '+st.ms+' ms'));
  box.appendChild(h);
    if(!st.ok)box.appendChild(el('pre','failure',st.failure));
    (st.diffs||[]).forEach(d=>box.appendChild(drawDiff(d)));
    (st.notes||[]).forEach(n=>box.appendChild(el('div','note','note: '+n)));
    const folded=st.ex.filter(x=>x.chk).length;
    if(st.ex.length){const t=lanes(st.ex);if(folded===st.ex.length)t.classList.add('checker-only');
      box.appendChild(t);}
    if(folded)box.appendChild(el('div','note folded',
      folded+' of the checker\'s own reads folded away (tick the box above to show them)'));
    (st.pages||[]).forEach(p=>box.appendChild(page(p,!st.ok)));});}
document.querySelectorAll('details.scenario').forEach(d=>{const i=+d.dataset.i;let done=false;
  const go=()=>{if(!done&&d.open){done=true;draw(i,d.querySelector('.body'));}};
  d.addEventListener('toggle',go);go();});
const cb=document.getElementById('show-checker');
cb.addEventListener('change',()=>document.body.classList.toggle('show-checker',cb.checked));
})();
)js";

}  // namespace

std::string HtmlReport(const std::vector<ScenarioResult>& results) {
  int failed = 0;
  for (const auto& r : results) failed += r.passed ? 0 : 1;
  std::vector<std::size_t> order(results.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return !results[a].passed && results[b].passed;
  });
  Blobs blobs;
  nlohmann::json scenarios = nlohmann::json::array();
  for (std::size_t i : order) scenarios.push_back(ScenarioJson(results[i], blobs));

  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'; "
      "script-src 'unsafe-inline'; img-src data:\"><title>bcsim report</title><style>";
  out += kStyle;
  out += "</style></head><body>\n<h1>bcsim scenarios: " + std::to_string(results.size() - failed) +
         " passed, " + std::to_string(failed) +
         " failed</h1>\n<noscript><p>The timelines need JavaScript (inline; nothing is "
         "loaded).</p></noscript>\n<table "
         "id=\"summary\"><tr><th></th><th>scenario</th><th>file</th><th>started "
         "(virtual)</th><th>duration</th><th>tags</th></tr>\n";
  for (std::size_t n = 0; n < order.size(); ++n) {
    const ScenarioResult& r = results[order[n]];
    std::string tags;
    for (const auto& t : r.tags) tags += "<span class=\"tag\">" + XmlEscape(t) + "</span>";
    std::string started = r.steps.empty() ? "" : IsoTime(r.steps.front().at_ms);
    out += "<tr class=\"" + std::string(r.passed ? "pass" : "fail") + "\"><td>" +
           (r.passed ? "PASS" : "FAIL") + "</td><td><a href=\"#s" + std::to_string(n) + "\">" +
           XmlEscape(r.name) + "</a></td><td class=\"mark\">" + XmlEscape(r.file) +
           "</td><td class=\"mark\">" + started + "</td><td>" + Ms(r.duration_ms) + "</td><td>" +
           tags + "</td></tr>\n";
  }
  out +=
      "</table>\n<p><label><input type=\"checkbox\" id=\"show-checker\"> show the checker's own "
      "reads "
      "(expectations, re-logins, control reads)</label></p>\n";
  for (std::size_t n = 0; n < order.size(); ++n) {
    const ScenarioResult& r = results[order[n]];
    out += "<details class=\"scenario\" id=\"s" + std::to_string(n) + "\" data-i=\"" +
           std::to_string(n) + "\"" + (r.passed ? "" : " open") + "><summary class=\"" +
           (r.passed ? "pass" : "fail") + "\">" + (r.passed ? "PASS " : "FAIL ") +
           XmlEscape(r.name) + " <span class=\"mark\">(" + Ms(r.duration_ms) + ", " +
           XmlEscape(r.file) + ")</span></summary>";
    if (!r.passed) out += "<div class=\"reason\">" + XmlEscape(r.reason) + "</div>";
    out += "<div class=\"body\"></div></details>\n";
  }
  nlohmann::json data = {{"scenarios", scenarios}, {"blobs", blobs.Json()}};
  out += "<script type=\"application/json\" id=\"bcsim-data\">" + ScriptJson(data) +
         "</script>\n<script>";
  out += kScript;
  out += "</script>\n</body></html>\n";
  return out;
}

}  // namespace bcsim::harness
