// Search on the search page (templates/search.html), in the browser alone.
//
// It reads /tim-kiem/manifest.json, analyses the query exactly as the site's indexer does, fetches
// only the term shards its terms live in, ranks with BM25 in 32-bit floats step by step as tantivy
// does, and shows the best results with their words marked. docs/search-format.md is the contract;
// tests/search/ checks this file against the Rust side on a few hundred queries. Every word shown
// comes from the page (the theme's strings), none from here. Without JavaScript the page says that
// search needs it and links to the A–Z list.
(function () {
  'use strict';

  var f = Math.fround;
  var K1 = f(1.2);
  var K1P1 = f(1 + K1);
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]/u;
  var MARK = /\p{M}/u;
  var MARKS = /\p{M}/gu;
  var CODE = /^[0-9]+(\.[0-9]+)+$/;
  var TONES = '\u0300\u0301\u0303\u0309\u0323';
  var VOWELS = 'aeiouy';
  var utf8 = new TextEncoder();
  var text8 = new TextDecoder();
  var script = typeof document === 'undefined' ? null : document.currentScript;

  // ---- Analysis (§1): the same steps as src/search/tokenize.rs.

  function fold(w) {
    return w.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').normalize('NFC');
  }

  // Moves a word's one tone mark to its canonical vowel (place_tone in tokenize.rs).
  function accent(w) {
    var letters = [];
    var tones = [];
    for (var c of w.normalize('NFD')) {
      if (TONES.indexOf(c) >= 0) tones.push(c);
      else if (MARK.test(c) && letters.length) letters[letters.length - 1][1] += c;
      else letters.push([c, '']);
    }
    var at = tones.length === 1 ? placeTone(letters) : -1;
    if (at < 0) return w.normalize('NFC');
    return letters.map(function (l, i) {
      return l[0] + l[1] + (i === at ? tones[0] : '');
    }).join('').normalize('NFC');
  }

  function placeTone(L) {
    var n = L.length;
    var isVowel = function (i) { return i < n && VOWELS.indexOf(L[i][0]) >= 0 && L[i][0].length === 1; };
    var plain = function (i, c) { return i < n && L[i][0] === c && !L[i][1]; };
    var first = 0;
    while (first < n && !isVowel(first)) first++;
    if (first === n) return -1;
    if (first >= 1 && isVowel(first + 1)) {
      var p = L[first - 1][0];
      if ((p === 'q' && plain(first, 'u')) || (p === 'g' && plain(first, 'i'))) first++;
    }
    var last = first;
    while (isVowel(last + 1)) last++;
    for (var i = last + 1; i < n; i++) if (isVowel(i)) return -1;
    for (i = last; i >= first; i--) if (L[i][1]) return i;
    if (last + 1 < n) return last;
    var nucleus = L.slice(first, last + 1).map(function (l) { return l[0]; }).join('');
    if (nucleus === 'oa' || nucleus === 'oe' || nucleus === 'uy' || last - first === 2) return first + 1;
    return first;
  }

  function isDigit(c) {
    return c >= '0' && c <= '9' && c.length === 1;
  }

  // The words of a text: {f: folded, a: accented, s, e: where it starts and ends in the text}.
  function words(text) {
    var chars = Array.from(text);
    var offsets = [];
    var o = 0;
    chars.forEach(function (c) { offsets.push(o); o += c.length; });
    offsets.push(o);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      if (!WORD.test(chars[i])) { i++; continue; }
      var b = i;
      while (i < chars.length && (WORD.test(chars[i]) || (chars[i] === '.' && i > b &&
        isDigit(chars[i - 1]) && isDigit(chars[i + 1] || '')))) i++;
      var w = text.slice(offsets[b], offsets[i]);
      var folded = fold(w);
      if (folded && utf8.encode(folded).length <= 64) out.push({ f: folded, a: accent(w), s: offsets[b], e: offsets[i] });
    }
    return out;
  }

  function unique(list) {
    return list.filter(function (t, i) { return list.indexOf(t) === i; });
  }

  // The query's token streams and the word being typed (§1, §3).
  function analyse(query, manifest) {
    var text = query.normalize('NFC').toLowerCase();
    var ws = words(text);
    var folded = [];
    ws.forEach(function (w) {
      folded.push(w.f);
      if (manifest && manifest.tokenizer.undotted_codes && CODE.test(w.f)) folded.push(w.f.replace(/\./g, ''));
    });
    var last = ws[ws.length - 1];
    var min = manifest ? manifest.prefix.min_chars : 2;
    return {
      folded: folded,
      accented: ws.map(function (w) { return w.a; }),
      pairs: ws.slice(1).map(function (w, i) { return ws[i].f + ' ' + w.f; }),
      exact: ws.filter(function (w) { return w.f !== w.a; }).map(function (w) { return w.a; }),
      typed: last && last.e === text.length && Array.from(last.f).length >= min ? last.f : null,
    };
  }

  // ---- Static files (§6).

  function compare(a, b) {
    var x = utf8.encode(a);
    var y = utf8.encode(b);
    for (var i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }

  function open(manifestUrl, fetcher) {
    fetcher = fetcher || fetch.bind(globalThis);
    var cache = new Map();
    var manifest;
    var dataUrl;

    function inflate(buffer) {
      var stream = new Response(buffer).body.pipeThrough(new DecompressionStream('deflate'));
      return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
    }

    // A data file, fetched and decompressed once, then parsed by `parse`.
    function file(name, parse) {
      if (!cache.has(name)) {
        cache.set(name, fetcher(new URL(name, dataUrl).href).then(function (r) {
          if (!r.ok) throw new Error(r.status + ' ' + name);
          return r.arrayBuffer();
        }).then(inflate).then(parse));
      }
      return cache.get(name);
    }

    function json(bytes) {
      return JSON.parse(text8.decode(bytes));
    }

    function reader(bytes) {
      var at = 0;
      return {
        more: function () { return at < bytes.length; },
        byte: function () { return bytes[at++]; },
        int: function () {
          var v = 0;
          var shift = 1;
          for (;;) {
            var b = bytes[at++];
            v += (b & 127) * shift;
            if (b < 128) return v;
            shift *= 128;
          }
        },
        text: function (n) { at += n; return text8.decode(bytes.subarray(at - n, at)); },
        docs: function () {
          var n = this.int();
          var out = new Array(n);
          for (var i = 0, d = 0; i < n; i++) out[i] = d += this.int();
          return out;
        },
      };
    }

    // A shard: its keys in order and, per key, its entry {file, lists}: a list is
    // [field, classes [[tf, fieldnorm id, docs]…]] or, split by range, [field, null,
    // blocks [[range, postings, tf, fieldnorm id]…]].
    function shard(i) {
      return file('t/' + i + '.bin', function (bytes) {
        var r = reader(bytes);
        var keys = [];
        var entries = new Map();
        while (r.more()) {
          var key = r.text(r.int());
          var entry = { file: r.int() - 1, lists: [] };
          for (var n = r.int(); n > 0; n--) {
            var field = r.byte();
            var items = [];
            for (var c = r.int(); c > 0; c--) items.push(field & 128 ? [r.int(), r.int(), r.int(), r.byte()] : classOf(r));
            entry.lists.push(field & 128 ? [field & 127, null, items] : [field, items]);
          }
          keys.push(key);
          entries.set(key, entry);
        }
        return { keys: keys, lists: entries };
      });
    }

    function classOf(r) {
      return [r.int(), r.byte(), r.docs()];
    }

    // An entry's split lists in one range, in their order: each [[tf, docs]…].
    function range(entry, k) {
      var count = entry.lists.filter(function (l) { return !l[1]; }).length;
      return file('p/' + entry.file + '/' + k + '.bin', function (bytes) {
        var r = reader(bytes);
        var out = [];
        for (var i = 0; i < count; i++) {
          var classes = [];
          for (var c = r.int(); c > 0; c--) classes.push([r.int(), r.docs()]);
          out.push(classes);
        }
        return out;
      });
    }

    // The fieldnorm ids of one range's documents, field after field.
    function norms(k) {
      return file('n/' + k + '.bin', function (bytes) { return bytes; });
    }

    // The shard a key is in: the last whose first key is not above it.
    function shardOf(key) {
      var lo = 0;
      var hi = manifest.shards.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (compare(manifest.shards[mid], key) <= 0) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }

    function lists(key) {
      return shard(shardOf(key)).then(function (s) { return s.lists.get(key); });
    }

    function isFolded(list) {
      return manifest.fields[list[0]].stream === 'folded';
    }

    // The first few folded terms after `prefix` that start with it, other than `own` (§3).
    function completions(prefix, own) {
      var out = [];
      var max = manifest.prefix.max_terms;
      function scan(i) {
        if (i >= manifest.shards.length) return out;
        return shard(i).then(function (s) {
          for (var k = 0; k < s.keys.length; k++) {
            var key = s.keys[k];
            if (compare(key, prefix) <= 0) continue;
            if (key.slice(0, prefix.length) !== prefix) return out;
            if (own.indexOf(key) < 0 && s.lists.get(key).lists.some(isFolded)) {
              out.push(key);
              if (out.length === max) return out;
            }
          }
          return scan(i + 1);
        });
      }
      return scan(shardOf(prefix));
    }

    // The query's clauses in order (§3): [key, field, boost].
    function clauses(q, more) {
      var out = [];
      function add(stream, terms, factor) {
        terms.forEach(function (term) {
          manifest.fields.forEach(function (field, i) {
            if (field.stream === stream) out.push([stream === 'pairs' ? ' ' + term : term, i, f(f(field.boost) * factor)]);
          });
        });
      }
      add('folded', unique(q.folded), 1);
      add('pairs', unique(q.pairs), 1);
      add('accented', unique(q.exact), 1);
      add('folded', more, manifest.prefix.boost);
      return out;
    }

    // BM25's tf part of a class, and a clause's weight (§4).
    function part(c, tf, id) {
      var norm = f(K1 * f(0.25 + f(f(0.75 * f(manifest.fieldnorms[id])) / c.average)));
      return f(c.weight * f(tf / f(tf + norm)));
    }

    function clause(c, entry) {
      var list = entry && entry.lists.filter(function (l) { return l[0] === c[1]; })[0];
      if (!list) return null;
      var n = manifest.docs;
      var df = 0;
      list[list[1] ? 1 : 2].forEach(function (x) { df += list[1] ? x[2].length : x[1]; });
      var idf = f(Math.log(f(1 + f(f(f(n - df) + 0.5) / f(f(df) + 0.5)))));
      return {
        entry: entry,
        list: list,
        split: entry.lists.filter(function (l) { return !l[1]; }).indexOf(list),
        weight: f(f(idf * K1P1) * c[2]),
        average: f(f(manifest.fields[c[1]].tokens) / f(n)),
      };
    }

    // Ranks the hits so that the first `want` kept by `keep` are certain (§4, §5): lists split by
    // range are read only for the ranges that may still hold a better document, or a document
    // linked to one (a replacement or a replaced procedure), by the best score a range allows.
    function evaluate(cls, found, links, want, keep) {
      var size = manifest.ranges.size;
      var count = Math.ceil(manifest.docs / size);
      var parts = new Map();
      var done = new Uint8Array(count).fill(1);
      var base = new Float64Array(count);
      var todo = [];
      function put(d, i, s) {
        if (!parts.has(d)) parts.set(d, []);
        parts.get(d)[i] = s;
      }
      function add(i, c, classes) {
        classes.forEach(function (cl) {
          var s = part(c, cl[0], cl[1]);
          cl[2].forEach(function (d) { put(d, i, s); });
        });
      }
      // A range's postings take their fieldnorm ids from the range's norms.
      function addRange(i, c, classes, ids, k) {
        var first = k * size;
        var at = c.list[0] * Math.min(size, manifest.docs - first) - first;
        classes.forEach(function (cl) {
          cl[1].forEach(function (d) { put(d, i, part(c, cl[0], ids[at + d])); });
        });
      }
      var info = cls.map(function (c, i) {
        var x = clause(c, found[i]);
        if (x && x.list[1]) add(i, x, x.list[1]);
        if (x && !x.list[1]) {
          x.list[2].forEach(function (b) {
            base[b[0]] += part(x, b[2], b[3]);
            done[b[0]] = 0;
          });
        }
        return x;
      });
      var back = new Map();
      links.forEach(function (r, d) {
        if (!back.has(r)) back.set(r, []);
        back.get(r).push(d);
      });
      function load(ks) {
        ks.forEach(function (k) { done[k] = 1; });
        return Promise.all(ks.map(function (k) {
          return Promise.all(info.map(function (x, i) {
            if (!x || x.list[1] || !x.list[2].some(function (b) { return b[0] === k; })) return null;
            return Promise.all([range(x.entry, k), norms(k)]).then(function (got) {
              addRange(i, x, got[0][x.split], got[1], k);
            });
          }));
        }));
      }
      function settle() {
        var scores = new Map();
        var best = new Float64Array(count);
        parts.forEach(function (p, d) {
          var k = Math.floor(d / size);
          var s = 0;
          p.forEach(function (v) { s = done[k] ? f(s + v) : s + v; });
          if (done[k]) scores.set(d, s);
          else best[k] = Math.max(best[k], s);
        });
        var ranked = rank(scores, links).filter(function (h) { return keep(h[0]); });
        var top = ranked.slice(0, want);
        var linked = new Set();
        top.forEach(function (h) {
          var seen = [h[0]];
          for (var i = 0; i < seen.length && i < 64; i++) {
            var d = seen[i];
            if (links.has(d)) seen.push(links.get(d));
            (back.get(d) || []).forEach(function (x) { seen.push(x); });
          }
          seen.forEach(function (d) { if (!done[Math.floor(d / size)]) linked.add(Math.floor(d / size)); });
        });
        // Short of `want` hits, the one range that may score best is read next.
        var floor = top.length < want ? Infinity : top[want - 1][2];
        var open = [];
        var first = -1;
        for (var k = 0; k < count; k++) {
          if (done[k]) continue;
          var bound = (base[k] + best[k]) * (1 + 1e-5);
          if (linked.has(k) || bound >= floor) open.push(k);
          if (first < 0 || bound > base[first] + best[first]) first = k;
        }
        if (!open.length && floor === Infinity && first >= 0) open.push(first);
        if (open.length) return load(open).then(settle);
        var seen = 0;
        parts.forEach(function (p, d) { if (keep(d)) seen++; });
        var complete = done.every(Boolean);
        return { hits: ranked, total: complete ? ranked.length : seen, complete: complete };
      }
      return settle();
    }

    // Superseded → replacing doc.
    function links() {
      return file('links.bin', function (bytes) {
        var r = reader(bytes);
        var map = new Map();
        for (var n = r.int(), d = 0; n > 0; n--) map.set(d += r.int(), r.int());
        return map;
      });
    }

    // §5: a superseded hit just below its replacement when that is a hit too.
    function rank(scores, replaced) {
      var key = new Map();
      scores.forEach(function (s, d) {
        var anchor = d;
        var depth = 0;
        while (replaced.has(anchor) && scores.has(replaced.get(anchor)) && depth <= manifest.docs) {
          anchor = replaced.get(anchor);
          depth++;
        }
        key.set(d, [scores.get(anchor), anchor, depth]);
      });
      return Array.from(scores).sort(function (x, y) {
        var a = key.get(x[0]);
        var b = key.get(y[0]);
        return b[0] - a[0] || a[1] - b[1] || a[2] - b[2] || y[1] - x[1] || x[0] - y[0];
      }).map(function (h) { return [h[0], h[1], key.get(h[0])[0]]; });
    }

    var ready = fetcher(manifestUrl).then(function (r) {
      if (!r.ok) throw new Error(r.status + ' ' + manifestUrl);
      return r.json();
    }).then(function (m) {
      if (m.format !== 2) throw new Error('search format ' + m.format);
      manifest = m;
      dataUrl = new URL(m.data, new URL(manifestUrl, typeof location === 'undefined' ? undefined : location.href));
      return m;
    });

    return {
      ready: ready,
      analyse: function (query) { return ready.then(function (m) { return analyse(query, m); }); },
      // The hits, best first, the first `want` (20 by default) kept by `keep` certain:
      // {hits: [[doc, score, anchor score]…], total, complete, q: the analysis, more: completions}.
      search: function (query, want, keep) {
        return ready.then(function (m) {
          var q = analyse(query, m);
          var own = unique(q.folded);
          return Promise.resolve(q.typed ? completions(q.typed, own) : []).then(function (more) {
            var cls = clauses(q, more);
            return Promise.all([Promise.all(cls.map(function (c) { return lists(c[0]); })), links()])
              .then(function (got) {
                return evaluate(cls, got[0], got[1], want || 20, keep || function () { return true; });
              })
              .then(function (result) {
                result.q = q;
                result.more = more;
                return result;
              });
          });
        });
      },
      // Display records [title, code, path, summary, status, online] of some docs.
      records: function (docs) {
        return ready.then(function (m) {
          var size = m.records.block;
          return Promise.all(docs.map(function (d) {
            return file('r/' + Math.floor(d / size) + '.bin', json).then(function (block) { return block[d % size]; });
          }));
        });
      },
      // The docs having a filter's value, as a Set.
      facet: function (name, value) {
        return file('f/' + name + '/' + value + '.bin', function (bytes) { return new Set(reader(bytes).docs()); });
      },
      agencies: function () { return ready.then(function () { return file('agencies.bin', json); }); },
    };
  }

  var api = { open: open, analyse: analyse, fold: fold };
  if (typeof globalThis !== 'undefined') globalThis.motcuaSearch = api;
  if (script) page(script, api);

  // ---- The search page.

  function page(script, api) {
    var results = document.getElementById('search-results');
    var input = document.getElementById('q-page');
    var status = document.getElementById('search-status');
    var filters = document.getElementById('search-filters');
    if (!results || !input || !status) return;
    var say = results.dataset;
    var index = api.open(say.manifest);
    var PAGE = 10;
    var run = 0;
    var timer;
    var shown = [];

    function message(template, n) {
      return template.replace('{n}', n.toLocaleString('vi-VN'));
    }

    // The text with the words that match the query in <mark>.
    function marked(text, q) {
      var out = document.createDocumentFragment();
      var re = /[0-9]+(?:\.[0-9]+)+|[\p{Alphabetic}\p{N}\p{M}]+/gu;
      var at = 0;
      var m;
      while ((m = re.exec(text))) {
        var w = fold(m[0].toLowerCase());
        if (q.terms.indexOf(w) >= 0 || (q.typed && w.slice(0, q.typed.length) === q.typed)) {
          out.append(text.slice(at, m.index));
          var mark = document.createElement('mark');
          mark.textContent = m[0];
          out.append(mark);
          at = m.index + m[0].length;
        }
      }
      out.append(text.slice(at));
      return out;
    }

    function item(rec, q) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = say.base + rec[2].replace(/^\//, '');
      a.append(marked(rec[0], q));
      li.append(a);
      var meta = [rec[1], rec[4] === 1 ? say.replaced : rec[4] === 2 ? say.repealed : ''].filter(Boolean);
      if (meta.length) {
        var p = document.createElement('p');
        p.className = 'search-meta';
        p.textContent = meta.join(' · ');
        li.append(p);
      }
      if (rec[3]) {
        var summary = document.createElement('p');
        summary.append(marked(rec[3], q));
        li.append(summary);
      }
      return li;
    }

    // Shows the results from `from` on: ranks until the first `from + PAGE` are certain.
    function show(query, sets, holder, list, from, mine) {
      var keep = function (d) { return sets.every(function (set) { return set.has(d); }); };
      return index.search(query, from + PAGE, keep).then(function (found) {
        if (mine !== run) return null;
        var hits = found.hits;
        shown = hits;
        var q = { terms: found.q.folded.concat(found.more), typed: found.q.typed };
        var docs = hits.slice(from, from + PAGE).map(function (h) { return h[0]; });
        return index.records(docs).then(function (recs) {
          if (mine !== run) return null;
          recs.forEach(function (rec) { list.append(item(rec, q)); });
          var button = holder.querySelector('button');
          if (button) button.remove();
          if (list.children.length < found.total) {
            button = document.createElement('button');
            button.type = 'button';
            button.textContent = say.more;
            button.onclick = function () {
              var next = list.children.length;
              show(query, sets, results, list, next, mine).then(function () {
                if (list.children[next]) list.children[next].querySelector('a').focus();
              });
            };
            holder.append(button);
          }
          return found;
        });
      });
    }

    function chosen() {
      if (!filters) return [];
      return Array.from(filters.querySelectorAll('select')).filter(function (s) { return s.value !== ''; });
    }

    function search() {
      var query = input.value;
      var mine = ++run;
      var url = new URL(location.href);
      if (query.trim()) url.searchParams.set('q', query);
      else url.searchParams.delete('q');
      history.replaceState(history.state, '', url);
      if (!query.trim()) {
        results.replaceChildren();
        status.textContent = '';
        return Promise.resolve();
      }
      var facets = chosen().map(function (s) { return index.facet(s.dataset.facet, s.value); });
      return Promise.all(facets).then(function (sets) {
        var holder = document.createElement('div');
        var list = holder.appendChild(document.createElement('ol'));
        return show(query, sets, holder, list, 0, mine).then(function (found) {
          if (!found) return;
          results.replaceChildren.apply(results, Array.from(holder.childNodes));
          status.textContent = !found.total ? say.none : message(found.complete ? say.found : say.atLeast, found.total);
          results.setAttribute('data-shown', query);
        });
      }).catch(function (e) {
        if (mine !== run) return;
        status.textContent = say.error;
        throw e;
      });
    }

    function soon() {
      clearTimeout(timer);
      timer = setTimeout(search, 120);
    }

    input.addEventListener('input', soon);
    input.form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      search();
    });

    // ArrowDown from the box into the results, arrows between them, ArrowUp back to the box.
    function links() {
      return Array.from(results.querySelectorAll('li > a'));
    }
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && links().length) {
        e.preventDefault();
        links()[0].focus();
      }
    });
    results.addEventListener('keydown', function (e) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (at < 0 || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
      e.preventDefault();
      var next = at + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.focus();
      else if (all[next]) all[next].focus();
    });

    if (filters) {
      filters.hidden = false;
      filters.addEventListener('change', search);
      filters.addEventListener('toggle', function () {
        var select = filters.querySelector('select[data-facet="agency"]');
        if (!filters.open || !select || select.options.length > 1) return;
        index.agencies().then(function (names) {
          names.forEach(function (name, i) { select.add(new Option(name, String(i))); });
        });
      });
    }

    var initial = new URLSearchParams(location.search).get('q');
    if (initial) {
      input.value = initial;
      search();
    }
    api.page = { search: search, shown: function () { return shown; } };
  }
})();
