//! RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024) with SHA-256, and the
//! canonical N-Quads serialisation, as rdf-canonize (used by jsonld.js) writes it.

use std::collections::{BTreeMap, HashMap, HashSet};

use sha2::{Digest, Sha256};

use crate::jsonld::{Quad, Term, XSD_STRING};
use crate::Error;

/// Calls of the Hash N-Degree Quads algorithm allowed per dataset (poison-graph guard).
const MAX_N_DEGREE_CALLS: usize = 10_000;
/// Related blank nodes with one hash whose orders are tried (8! = 40 320 permutations).
const MAX_PERMUTED: usize = 8;

fn sha256_hex(data: &str) -> String {
    Sha256::digest(data.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn escape_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

fn escape_iri(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) <= 0x20 || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn term_nquads(t: &Term, blank: &dyn Fn(&str) -> String) -> String {
    match t {
        Term::Iri(i) => format!("<{}>", escape_iri(i)),
        Term::Blank(b) => format!("_:{}", blank(b)),
        Term::Literal { value, datatype } => {
            if datatype == XSD_STRING {
                format!("\"{}\"", escape_literal(value))
            } else {
                format!("\"{}\"^^<{}>", escape_literal(value), escape_iri(datatype))
            }
        }
    }
}

fn quad_nquads(q: &Quad, blank: &dyn Fn(&str) -> String) -> String {
    let mut s = format!(
        "{} <{}> {}",
        term_nquads(&q.subject, blank),
        escape_iri(&q.predicate),
        term_nquads(&q.object, blank)
    );
    if let Some(g) = &q.graph {
        s.push(' ');
        s.push_str(&term_nquads(g, blank));
    }
    s.push_str(" .\n");
    s
}

#[derive(Clone, Debug)]
struct IdIssuer {
    prefix: &'static str,
    issued: Vec<String>,
    map: HashMap<String, String>,
}

impl IdIssuer {
    fn new(prefix: &'static str) -> Self {
        Self {
            prefix,
            issued: Vec::new(),
            map: HashMap::new(),
        }
    }
    fn issue(&mut self, id: &str) -> String {
        if let Some(i) = self.map.get(id) {
            return i.clone();
        }
        let new = format!("{}{}", self.prefix, self.issued.len());
        self.issued.push(id.to_owned());
        self.map.insert(id.to_owned(), new.clone());
        new
    }
    fn get(&self, id: &str) -> Option<&String> {
        self.map.get(id)
    }
}

struct State<'a> {
    quads: &'a [Quad],
    /// blank node -> indexes of the quads that mention it
    bnode_quads: HashMap<String, Vec<usize>>,
    first_degree: HashMap<String, String>,
    canonical: IdIssuer,
    n_degree_calls: usize,
}

fn blanks_of(q: &Quad) -> Vec<(&str, char)> {
    let mut v = Vec::new();
    if let Term::Blank(b) = &q.subject {
        v.push((b.as_str(), 's'));
    }
    if let Term::Blank(b) = &q.object {
        v.push((b.as_str(), 'o'));
    }
    if let Some(Term::Blank(b)) = &q.graph {
        v.push((b.as_str(), 'g'));
    }
    v
}

impl State<'_> {
    fn hash_first_degree(&self, id: &str) -> String {
        let mut lines: Vec<String> = self.bnode_quads[id]
            .iter()
            .map(|&i| {
                quad_nquads(&self.quads[i], &|b: &str| {
                    if b == id {
                        "a".into()
                    } else {
                        "z".into()
                    }
                })
            })
            .collect();
        lines.sort();
        sha256_hex(&lines.concat())
    }

    fn hash_related(
        &self,
        related: &str,
        quad: &Quad,
        issuer: &IdIssuer,
        position: char,
    ) -> String {
        let mut input = String::new();
        input.push(position);
        if position != 'g' {
            input.push_str(&format!("<{}>", quad.predicate));
        }
        if let Some(c) = self.canonical.get(related) {
            input.push_str(&format!("_:{c}"));
        } else if let Some(c) = issuer.get(related) {
            input.push_str(&format!("_:{c}"));
        } else {
            input.push_str(&self.first_degree[related]);
        }
        sha256_hex(&input)
    }

    fn hash_n_degree(&mut self, id: &str, issuer: IdIssuer) -> Result<(String, IdIssuer), Error> {
        self.n_degree_calls += 1;
        if self.n_degree_calls > MAX_N_DEGREE_CALLS {
            return Err(Error::Canonicalization(
                "the dataset's blank nodes need too much work to label".into(),
            ));
        }
        let mut issuer = issuer;
        let mut hash_to_related: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for &i in &self.bnode_quads[id] {
            let quad = &self.quads[i];
            for (b, position) in blanks_of(quad) {
                if b != id {
                    let h = self.hash_related(b, quad, &issuer, position);
                    hash_to_related.entry(h).or_default().push(b.to_owned());
                }
            }
        }
        let mut data = String::new();
        for (hash, related) in hash_to_related {
            if related.len() > MAX_PERMUTED {
                return Err(Error::Canonicalization(format!(
                    "{} blank nodes are indistinguishable; at most {MAX_PERMUTED} are labelled",
                    related.len()
                )));
            }
            data.push_str(&hash);
            let mut chosen_path = String::new();
            let mut chosen_issuer: Option<IdIssuer> = None;
            for perm in permutations(&related) {
                let mut issuer_copy = issuer.clone();
                let mut path = String::new();
                let mut recursion = Vec::new();
                let mut skip = false;
                for r in &perm {
                    if let Some(c) = self.canonical.get(r) {
                        path.push_str(&format!("_:{c}"));
                    } else {
                        if issuer_copy.get(r).is_none() {
                            recursion.push(r.clone());
                        }
                        path.push_str(&format!("_:{}", issuer_copy.issue(r)));
                    }
                    if !chosen_path.is_empty()
                        && path.len() >= chosen_path.len()
                        && path > chosen_path
                    {
                        skip = true;
                        break;
                    }
                }
                if skip {
                    continue;
                }
                for r in &recursion {
                    let (h, new_issuer) = self.hash_n_degree(r, issuer_copy.clone())?;
                    issuer_copy = new_issuer;
                    path.push_str(&format!("_:{}", issuer_copy.issue(r)));
                    path.push_str(&format!("<{h}>"));
                    if !chosen_path.is_empty()
                        && path.len() >= chosen_path.len()
                        && path > chosen_path
                    {
                        skip = true;
                        break;
                    }
                }
                if skip {
                    continue;
                }
                if chosen_path.is_empty() || path < chosen_path {
                    chosen_path = path;
                    chosen_issuer = Some(issuer_copy);
                }
            }
            data.push_str(&chosen_path);
            if let Some(c) = chosen_issuer {
                issuer = c;
            }
        }
        Ok((sha256_hex(&data), issuer))
    }
}

fn permutations(items: &[String]) -> Vec<Vec<String>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, first.clone());
            out.push(p);
        }
    }
    out
}

/// The canonical N-Quads of a dataset (RDFC-1.0, SHA-256).
pub(crate) fn canonicalize(quads: &[Quad]) -> Result<String, Error> {
    let mut bnode_quads: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, q) in quads.iter().enumerate() {
        let mut seen = HashSet::new();
        for (b, _) in blanks_of(q) {
            if seen.insert(b) {
                bnode_quads.entry(b.to_owned()).or_default().push(i);
            }
        }
    }
    let mut state = State {
        quads,
        bnode_quads,
        first_degree: HashMap::new(),
        canonical: IdIssuer::new("c14n"),
        n_degree_calls: 0,
    };
    let mut hash_to_bnodes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut ids: Vec<String> = state.bnode_quads.keys().cloned().collect();
    ids.sort();
    for id in ids {
        let h = state.hash_first_degree(&id);
        state.first_degree.insert(id.clone(), h.clone());
        hash_to_bnodes.entry(h).or_default().push(id);
    }
    let mut shared = Vec::new();
    for (_, bnodes) in hash_to_bnodes {
        if bnodes.len() == 1 {
            state.canonical.issue(&bnodes[0]);
        } else {
            shared.push(bnodes);
        }
    }
    for bnodes in shared {
        let mut results = Vec::new();
        for b in &bnodes {
            if state.canonical.get(b).is_some() {
                continue;
            }
            let mut temp = IdIssuer::new("b");
            temp.issue(b);
            results.push(state.hash_n_degree(b, temp)?);
        }
        results.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, issuer) in results {
            for existing in &issuer.issued {
                state.canonical.issue(existing);
            }
        }
    }
    let canonical = &state.canonical;
    let label = |b: &str| canonical.get(b).cloned().unwrap_or_else(|| b.to_owned());
    let mut lines: Vec<String> = quads.iter().map(|q| quad_nquads(q, &label)).collect();
    lines.sort();
    lines.dedup();
    Ok(lines.concat())
}
