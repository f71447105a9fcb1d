/*
 * Edition search: segments a Chinese query against the index's own words and ranks the
 * article that is about the query first.
 *
 * Sphinx inlines this file into _static/language_data.js (the search language's
 * js_splitter_code, see tools/sphinxext/search.py). searchtools.js calls the global
 * `splitQuery` to cut the reader's query into terms and `Scorer.score` to rescore each result.
 * Both are plain `var` globals, so the file works whether it loads before or after
 * searchtools.js (furo loads it after).
 *
 * Segmentation (EditionSearch.segment)
 * ------------------------------------
 * The query is first split the way Sphinx always does, on anything that is not a letter,
 * digit, underscore or emoji; inside each piece, runs of Han characters are separated from
 * runs of other letters. Latin runs stay whole, as before. Each Han run is segmented by
 * dynamic programming over the search index's own vocabulary (the keys of
 * `Search._index.terms` and `Search._index.titleterms`, i.e. exactly the words jieba and the
 * edition's user dictionary produced at build time):
 *
 *   best[0] = (0, 0, 0)
 *   best[i] = min over j < i of best[j] + cost(run[j:i]), where
 *     cost(w)    = (0, 1, -len(w)²)   if w is an index word (len(w) ≥ 2),
 *     cost(char) = (1, 1, 0)          for a single character no index word covers.
 *
 * Costs are compared lexicographically: first as few uncovered characters as possible,
 * then as few pieces as possible (fewer, longer known words: 民营企业 rather than 民营 + 企业),
 * then the larger sum of squared lengths (uneven splits with one long word win ties), and
 * finally the earliest split (forward maximum matching). Uncovered characters next to each
 * other are joined back into one unknown stretch. The index holds no single characters
 * (the Chinese language keeps words of two or more characters), and an unknown stretch is
 * by construction not an index word, so:
 *   - an unknown stretch of one or two characters is dropped (it can match nothing, and as a
 *     required term it would hide every result: 民营企业融资难 searches 民营企业 + 融资);
 *   - a longer unknown stretch is kept whole, so Sphinx's substring match on terms of three
 *     or more characters can still find index words that contain it (区块链 → 区块链技术);
 *   - if nothing is left, the run itself is searched, and finds nothing honestly.
 * Without a loaded index (every page but search.html) the vocabulary is empty and Han runs
 * are returned whole, which is Sphinx's behaviour.
 *
 * Ranking (Scorer.score)
 * ----------------------
 * Sphinx gives a full-text hit one flat score (5 for body text, 15 for a title word) no
 * matter how many query terms the page holds. The edition adds, for each result page:
 *   + allTerms            if the page holds every segmented term (in text or titles);
 *   + coverage × share    for the share of the terms the page holds;
 *   + titleTerm × share   for the share of the terms that appear in the page's title;
 *   + titlePhrase         if the page's title contains the whole query as typed.
 * So the article whose title names the subject and whose text holds every term ranks first.
 */

var EditionSearch = {
  /** The query being searched and its terms, recorded by splitQuery for Scorer.score. */
  current: { query: "", terms: [] },

  /** Cached vocabulary of the loaded index: { index, words: Set, longest }. */
  _vocabulary: null,

  /** Return the index's words (terms and title terms) and the length of the longest one. */
  vocabulary: () => {
    const index = typeof Search !== "undefined" ? Search._index : null;
    if (!index) return { words: new Set(), longest: 0 };
    if (!EditionSearch._vocabulary || EditionSearch._vocabulary.index !== index) {
      const words = new Set([
        ...Object.keys(index.terms || {}),
        ...Object.keys(index.titleterms || {}),
      ]);
      let longest = 0;
      for (const word of words) longest = Math.max(longest, [...word].length);
      EditionSearch._vocabulary = { index, words, longest };
    }
    return EditionSearch._vocabulary;
  },

  /** Compare two DP costs [uncovered, pieces, -Σlen²] lexicographically. */
  _cheaper: (a, b) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k];
    return false;
  },

  /** Segment one run of Han characters into index words (see the comment at the top). */
  segmentHan: (run, vocabulary) => {
    const chars = [...run];
    const n = chars.length;
    if (!vocabulary.longest) return [run];
    const best = [{ cost: [0, 0, 0], from: -1, known: false }];
    for (let i = 1; i <= n; i++) {
      // an uncovered single character
      const prev = best[i - 1].cost;
      best[i] = { cost: [prev[0] + 1, prev[1] + 1, prev[2]], from: i - 1, known: false };
      // a known index word ending here
      for (let j = Math.max(0, i - vocabulary.longest); j <= i - 2; j++) {
        const word = chars.slice(j, i).join("");
        if (!vocabulary.words.has(word)) continue;
        const c = best[j].cost;
        const cost = [c[0], c[1] + 1, c[2] - (i - j) * (i - j)];
        if (EditionSearch._cheaper(cost, best[i].cost)) best[i] = { cost, from: j, known: true };
      }
    }
    // walk back, joining neighbouring uncovered characters into one unknown stretch
    const pieces = [];
    for (let i = n; i > 0; i = best[i].from) {
      const text = chars.slice(best[i].from, i).join("");
      const last = pieces[pieces.length - 1];
      if (!best[i].known && last && !last.known) last.text = text + last.text;
      else pieces.push({ text, known: best[i].known });
    }
    pieces.reverse();
    const terms = pieces
      .filter((piece) => piece.known || [...piece.text].length > 2)
      .map((piece) => piece.text);
    return terms.length ? terms : [run];
  },

  /** Split a query into search terms: Latin words as Sphinx does, Han runs segmented. */
  segment: (query) => {
    const vocabulary = EditionSearch.vocabulary();
    const terms = [];
    query
      .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
      .filter((token) => token)
      .forEach((token) => {
        for (const run of token.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu)) {
          if (/\p{Script=Han}/u.test(run)) terms.push(...EditionSearch.segmentHan(run, vocabulary));
          else terms.push(run);
        }
      });
    return [...new Set(terms)];
  },

  /** Index of a document by name in the loaded index, or -1. */
  _fileOf: (docName) => Search._index.docnames.indexOf(docName),

  /** Does file hold the (stemmed) term, exactly or — for terms of 3+ characters — inside a longer word? */
  _holds: (file, term) => {
    const lists = [Search._index.terms, Search._index.titleterms];
    const has = (files) => files !== undefined && (files === file || (files.includes && files.includes(file)));
    for (const table of lists) {
      if (Object.prototype.hasOwnProperty.call(table, term) && has(table[term])) return true;
    }
    if ([...term].length > 2) {
      for (const table of lists) {
        for (const word of Object.keys(table)) if (word.includes(term) && has(table[word])) return true;
      }
    }
    return false;
  },
};

/** The query splitter searchtools.js uses (see EditionSearch.segment). */
var splitQuery = (query) => {
  const terms = EditionSearch.segment(query);
  EditionSearch.current = { query, terms };
  return terms;
};

/** Sphinx's default weights, plus the edition's rescoring for the article about the query. */
var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,

  // the edition's boosts (see the comment at the top of this file)
  allTerms: 30,
  coverage: 20,
  titleTerm: 40,
  titlePhrase: 50,

  score: (result) => {
    const [docName, _title, _anchor, _descr, score] = result;
    const { query, terms } = EditionSearch.current;
    const file = EditionSearch._fileOf(docName);
    if (file < 0 || !terms.length) return score;
    const stemmer = new Stemmer();
    const pageTitle = (Search._index.titles[file] || "").toLowerCase();
    let held = 0;
    let inTitle = 0;
    for (const term of terms) {
      const lower = term.toLowerCase();
      if (EditionSearch._holds(file, stemmer.stemWord(lower))) held += 1;
      if (pageTitle.includes(lower)) inTitle += 1;
    }
    const phrase = query.replace(/\s+/gu, "").toLowerCase();
    let boost = Scorer.coverage * (held / terms.length) + Scorer.titleTerm * (inTitle / terms.length);
    if (held === terms.length) boost += Scorer.allTerms;
    if (phrase && pageTitle.replace(/\s+/gu, "").includes(phrase)) boost += Scorer.titlePhrase;
    return Math.round(score + boost);
  },
};

// Sphinx's makeSearchSummary returns null when a hit's anchor is an empty element (an index
// target is one), and the results list then throws on appendChild(null) and stops drawing.
// Fall back to a summary of the whole page. This file runs before searchtools.js, so the
// listener below runs before Search.init, which searchtools.js also defers to DOMContentLoaded.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || Search.editionSummaryFallback) return;
  const summarize = Search.makeSearchSummary;
  Search.makeSearchSummary = (htmlText, keywords, anchor) =>
    summarize(htmlText, keywords, anchor)
    || summarize(htmlText, keywords, "")
    || document.createElement("p");
  Search.editionSummaryFallback = true;
});
