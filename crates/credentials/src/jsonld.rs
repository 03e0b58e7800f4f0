//! JSON-LD 1.1 to RDF for the subset of JSON-LD our documents use, driven by the context
//! files shipped in `contexts/` (never fetched).
//!
//! Supported: remote contexts from the shipped set, embedded contexts, terms, compact IRIs,
//! absolute IRIs, `@vocab`, typed values, `@id`- and `@vocab`-typed terms, property- and
//! type-scoped contexts (with the non-propagation of type-scoped ones), `@set` and `@graph`
//! containers, arrays, strings, booleans and integers. Anything else (`@list`, `@json`,
//! `@language`, `@reverse`, `@included`, value objects, relative IRIs, undefined terms, ...)
//! is an error rather than a silently different dataset: like jsonld.js in "safe mode", a
//! property that would be dropped is refused.
//!
//! `@protected` is not enforced (the shipped contexts redefine protected terms only with
//! identical definitions); jsonld.js enforces it when the Node check verifies our documents.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::Error;

pub(crate) const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub(crate) const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";

/// An RDF term.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Term {
    Iri(String),
    Blank(String),
    Literal { value: String, datatype: String },
}

/// An RDF quad; `graph` None is the default graph.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Quad {
    pub subject: Term,
    pub predicate: String,
    pub object: Term,
    pub graph: Option<Term>,
}

#[derive(Clone, Debug)]
struct TermDef {
    /// None: the term is explicitly mapped to null (it drops the property).
    iri: Option<String>,
    type_mapping: Option<String>,
    container: Vec<String>,
    context: Option<Value>,
}

#[derive(Clone, Debug, Default)]
struct Context {
    terms: HashMap<String, TermDef>,
    vocab: Option<String>,
    previous: Option<Box<Context>>,
}

fn unsupported(what: &str) -> Error {
    Error::JsonLd(format!("unsupported JSON-LD feature: {what}"))
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "@base"
            | "@container"
            | "@context"
            | "@direction"
            | "@graph"
            | "@id"
            | "@import"
            | "@included"
            | "@index"
            | "@json"
            | "@language"
            | "@list"
            | "@nest"
            | "@none"
            | "@prefix"
            | "@propagate"
            | "@protected"
            | "@reverse"
            | "@set"
            | "@type"
            | "@value"
            | "@version"
            | "@vocab"
    )
}

fn load_remote(url: &str) -> Result<Value, Error> {
    let text = crate::contexts()
        .iter()
        .find(|(u, _)| *u == url)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            Error::JsonLd(format!("context {url} is not one of the shipped contexts"))
        })?;
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| Error::JsonLd(format!("shipped context {url}: {e}")))?;
    doc.get("@context")
        .cloned()
        .ok_or_else(|| Error::JsonLd(format!("shipped context {url} has no @context")))
}

impl Context {
    /// The Context Processing algorithm (subset). `propagate` false marks a type-scoped
    /// context: the result remembers the context to revert to in nested nodes.
    fn process(&self, local: &Value, propagate: bool, depth: usize) -> Result<Context, Error> {
        if depth > 16 {
            return Err(Error::JsonLd("contexts nest too deeply".into()));
        }
        let mut result = self.clone();
        let propagate = match local {
            Value::Object(m) => m
                .get("@propagate")
                .and_then(Value::as_bool)
                .unwrap_or(propagate),
            _ => propagate,
        };
        if !propagate && result.previous.is_none() {
            result.previous = Some(Box::new(self.clone()));
        }
        let items: Vec<&Value> = match local {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for item in items {
            match item {
                Value::Null => {
                    let previous = result.previous.take();
                    result = Context {
                        previous,
                        ..Context::default()
                    };
                }
                Value::String(url) => {
                    let remote = load_remote(url)?;
                    result = result.process(&remote, true, depth + 1)?;
                }
                Value::Object(map) => result.define_all(map)?,
                _ => return Err(Error::JsonLd("invalid local context".into())),
            }
        }
        Ok(result)
    }

    fn define_all(&mut self, map: &Map<String, Value>) -> Result<(), Error> {
        for key in ["@base", "@language", "@direction", "@import"] {
            if map.contains_key(key) {
                return Err(unsupported(key));
            }
        }
        if let Some(v) = map.get("@vocab") {
            self.vocab = match v {
                Value::Null => None,
                Value::String(s) => Some(
                    self.expand_iri(s, true, None, &mut HashMap::new())?
                        .ok_or_else(|| {
                            Error::JsonLd(format!("@vocab {s} does not expand to an IRI"))
                        })?,
                ),
                _ => return Err(Error::JsonLd("invalid @vocab".into())),
            };
        }
        let mut defined: HashMap<String, bool> = HashMap::new();
        for key in map.keys() {
            if matches!(
                key.as_str(),
                "@version" | "@vocab" | "@protected" | "@propagate"
            ) {
                continue;
            }
            self.define(map, key, &mut defined)?;
        }
        Ok(())
    }

    /// The Create Term Definition algorithm (subset).
    fn define(
        &mut self,
        local: &Map<String, Value>,
        term: &str,
        defined: &mut HashMap<String, bool>,
    ) -> Result<(), Error> {
        match defined.get(term) {
            Some(true) => return Ok(()),
            Some(false) => return Err(Error::JsonLd(format!("cyclic term definition {term}"))),
            None => {}
        }
        if term.starts_with('@') {
            return Err(unsupported(term));
        }
        defined.insert(term.to_owned(), false);
        let value = local.get(term).cloned().unwrap_or(Value::Null);
        let def_map = match value {
            Value::Null => {
                let mut m = Map::new();
                m.insert("@id".into(), Value::Null);
                m
            }
            Value::String(s) => {
                let mut m = Map::new();
                m.insert("@id".into(), Value::String(s));
                m
            }
            Value::Object(m) => m,
            _ => return Err(Error::JsonLd(format!("invalid term definition for {term}"))),
        };
        for key in def_map.keys() {
            if !matches!(
                key.as_str(),
                "@id" | "@type" | "@container" | "@context" | "@protected"
            ) {
                return Err(unsupported(&format!("{key} in the definition of {term}")));
            }
        }
        self.terms.remove(term);
        let iri = match def_map.get("@id") {
            Some(Value::Null) => None,
            Some(Value::String(id)) => {
                if is_keyword(id) {
                    Some(id.clone())
                } else {
                    Some(
                        self.expand_iri(id, true, Some(local), defined)?
                            .ok_or_else(|| {
                                Error::JsonLd(format!("term {term}: @id {id} does not expand"))
                            })?,
                    )
                }
            }
            Some(_) => return Err(Error::JsonLd(format!("term {term}: invalid @id"))),
            None => {
                if let Some((prefix, suffix)) = term.split_once(':') {
                    if local.contains_key(prefix) {
                        self.define(local, prefix, defined)?;
                    }
                    match self.terms.get(prefix).and_then(|d| d.iri.clone()) {
                        Some(p) => Some(format!("{p}{suffix}")),
                        None => Some(term.to_owned()),
                    }
                } else if let Some(vocab) = &self.vocab {
                    Some(format!("{vocab}{term}"))
                } else {
                    return Err(Error::JsonLd(format!("term {term} has no IRI")));
                }
            }
        };
        let type_mapping = match def_map.get("@type") {
            None => None,
            Some(Value::String(t))
                if matches!(t.as_str(), "@id" | "@vocab" | "@json" | "@none") =>
            {
                Some(t.clone())
            }
            Some(Value::String(t)) => Some(
                self.expand_iri(t, true, Some(local), defined)?
                    .ok_or_else(|| {
                        Error::JsonLd(format!("term {term}: @type {t} does not expand"))
                    })?,
            ),
            Some(_) => return Err(Error::JsonLd(format!("term {term}: invalid @type"))),
        };
        let container = match def_map.get("@container") {
            None | Some(Value::Null) => vec![],
            Some(Value::String(c)) => vec![c.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|c| c.as_str().map(str::to_owned))
                .collect(),
            Some(_) => return Err(Error::JsonLd(format!("term {term}: invalid @container"))),
        };
        let context = def_map.get("@context").cloned();
        self.terms.insert(
            term.to_owned(),
            TermDef {
                iri,
                type_mapping,
                container,
                context,
            },
        );
        defined.insert(term.to_owned(), true);
        Ok(())
    }

    /// IRI Expansion. Ok(None) when the value is mapped to null. Relative IRIs are refused.
    fn expand_iri(
        &mut self,
        value: &str,
        vocab: bool,
        local: Option<&Map<String, Value>>,
        defined: &mut HashMap<String, bool>,
    ) -> Result<Option<String>, Error> {
        if is_keyword(value) {
            return Ok(Some(value.to_owned()));
        }
        if let Some(local) = local {
            if local.contains_key(value) && defined.get(value) != Some(&true) {
                self.define(local, value, defined)?;
            }
        }
        if vocab {
            if let Some(def) = self.terms.get(value) {
                return Ok(def.iri.clone());
            }
        }
        if let Some((prefix, suffix)) = value.split_once(':') {
            if prefix == "_" || suffix.starts_with("//") {
                return Ok(Some(value.to_owned()));
            }
            if let Some(local) = local {
                if local.contains_key(prefix) && defined.get(prefix) != Some(&true) {
                    self.define(local, prefix, defined)?;
                }
            }
            if let Some(def) = self.terms.get(prefix) {
                if let Some(p) = &def.iri {
                    return Ok(Some(format!("{p}{suffix}")));
                }
            }
            return Ok(Some(value.to_owned()));
        }
        if vocab {
            if let Some(v) = &self.vocab {
                return Ok(Some(format!("{v}{value}")));
            }
        }
        Err(Error::JsonLd(format!(
            "{value:?} is neither a defined term nor an absolute IRI"
        )))
    }

    fn expand(&self, value: &str, vocab: bool) -> Result<Option<String>, Error> {
        self.clone()
            .expand_iri(value, vocab, None, &mut HashMap::new())
    }
}

struct ToRdf {
    quads: Vec<Quad>,
    blank_count: usize,
}

impl ToRdf {
    fn blank(&mut self) -> Term {
        let t = Term::Blank(format!("b{}", self.blank_count));
        self.blank_count += 1;
        t
    }

    fn node_term(id: &str) -> Term {
        match id.strip_prefix("_:") {
            Some(label) => Term::Blank(format!("u{label}")),
            None => Term::Iri(id.to_owned()),
        }
    }

    /// Expands one node object and emits its quads into `graph`; returns its subject.
    fn node(
        &mut self,
        parent_ctx: &Context,
        property_scoped: Option<&Value>,
        element: &Map<String, Value>,
        graph: &Option<Term>,
    ) -> Result<Term, Error> {
        let mut ctx = parent_ctx.clone();
        // Type-scoped contexts do not propagate into nested nodes.
        if let Some(previous) = &ctx.previous {
            let mut must_revert = true;
            let mut keys: Vec<&String> = element.keys().collect();
            keys.sort();
            for key in &keys {
                let expanded = ctx.expand(key, true).ok().flatten();
                if expanded.as_deref() == Some("@value")
                    || (expanded.as_deref() == Some("@id") && keys.len() == 1)
                {
                    must_revert = false;
                    break;
                }
            }
            if must_revert {
                ctx = (**previous).clone();
            }
        }
        if let Some(scoped) = property_scoped {
            ctx = ctx.process(scoped, true, 0)?;
        }
        if let Some(local) = element.get("@context") {
            ctx = ctx.process(local, true, 0)?;
        }
        let type_scoped_ctx = ctx.clone();
        let mut type_keys: Vec<&String> = element
            .keys()
            .filter(|k| type_scoped_ctx.expand(k, true).ok().flatten().as_deref() == Some("@type"))
            .collect();
        type_keys.sort();
        let mut types: Vec<String> = Vec::new();
        for key in &type_keys {
            let mut values: Vec<String> = match &element[key.as_str()] {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .map(str::to_owned)
                            .ok_or_else(|| Error::JsonLd("@type values must be strings".into()))
                    })
                    .collect::<Result<_, _>>()?,
                _ => return Err(Error::JsonLd("@type values must be strings".into())),
            };
            values.sort();
            for t in &values {
                if let Some(scoped) = type_scoped_ctx
                    .terms
                    .get(t)
                    .and_then(|d| d.context.as_ref())
                {
                    ctx = ctx.process(scoped, false, 0)?;
                }
            }
            types.extend(values);
        }

        let mut subject = None;
        for (key, value) in element {
            if ctx.expand(key, true)?.as_deref() == Some("@id") {
                let id = value
                    .as_str()
                    .ok_or_else(|| Error::JsonLd("@id must be a string".into()))?;
                let iri = ctx
                    .expand(id, false)?
                    .ok_or_else(|| Error::JsonLd(format!("@id {id} does not expand")))?;
                subject = Some(Self::node_term(&iri));
            }
        }
        let subject = match subject {
            Some(s) => s,
            None => self.blank(),
        };
        for t in &types {
            let iri = type_scoped_ctx
                .expand(t, true)?
                .ok_or_else(|| Error::JsonLd(format!("type {t} is mapped to null")))?;
            if !iri.contains(':') {
                return Err(Error::JsonLd(format!("type {t} is not defined")));
            }
            self.quads.push(Quad {
                subject: subject.clone(),
                predicate: RDF_TYPE.into(),
                object: Self::node_term(&iri),
                graph: graph.clone(),
            });
        }

        for (key, value) in element {
            let expanded = ctx.expand(key, true)?;
            let predicate = match expanded.as_deref() {
                Some("@id" | "@type" | "@context") => continue,
                Some(k) if k.starts_with('@') => return Err(unsupported(k)),
                Some(iri) if iri.contains(':') && !iri.starts_with("_:") => iri.to_owned(),
                _ => {
                    return Err(Error::JsonLd(format!(
                        "property {key:?} is not defined by the document's contexts"
                    )))
                }
            };
            let def = ctx.terms.get(key).cloned();
            if def
                .as_ref()
                .is_some_and(|d| d.container.iter().any(|c| c == "@list"))
            {
                return Err(unsupported("@list"));
            }
            let values: Vec<&Value> = match value {
                Value::Array(a) => a.iter().collect(),
                other => vec![other],
            };
            for v in values {
                if let Some(object) = self.value(&ctx, key, def.as_ref(), v, graph)? {
                    self.quads.push(Quad {
                        subject: subject.clone(),
                        predicate: predicate.clone(),
                        object,
                        graph: graph.clone(),
                    });
                }
            }
        }
        Ok(subject)
    }

    fn value(
        &mut self,
        ctx: &Context,
        key: &str,
        def: Option<&TermDef>,
        value: &Value,
        graph: &Option<Term>,
    ) -> Result<Option<Term>, Error> {
        let scoped = def.and_then(|d| d.context.as_ref());
        match value {
            Value::Null => Ok(None),
            Value::Array(_) => Err(unsupported("nested arrays")),
            Value::Object(m) => {
                if m.contains_key("@value") || m.contains_key("@list") || m.contains_key("@set") {
                    return Err(unsupported("value objects"));
                }
                if def.is_some_and(|d| d.type_mapping.as_deref() == Some("@json")) {
                    return Err(unsupported("@json"));
                }
                if def.is_some_and(|d| d.container.iter().any(|c| c == "@graph")) {
                    let g = self.blank();
                    self.node(ctx, scoped, m, &Some(g.clone()))?;
                    Ok(Some(g))
                } else {
                    Ok(Some(self.node(ctx, scoped, m, graph)?))
                }
            }
            scalar => {
                let ctx = match scoped {
                    Some(s) => ctx.process(s, true, 0)?,
                    None => ctx.clone(),
                };
                let def = ctx.terms.get(key);
                let type_mapping = def.and_then(|d| d.type_mapping.clone());
                match (type_mapping.as_deref(), scalar) {
                    (Some("@id"), Value::String(s)) => {
                        let iri = ctx.expand(s, false)?.ok_or_else(|| {
                            Error::JsonLd(format!("{key}: {s} does not expand to an IRI"))
                        })?;
                        Ok(Some(Self::node_term(&iri)))
                    }
                    (Some("@vocab"), Value::String(s)) => {
                        let iri = ctx.expand(s, true)?.ok_or_else(|| {
                            Error::JsonLd(format!("{key}: {s} does not expand to an IRI"))
                        })?;
                        if !iri.contains(':') {
                            return Err(Error::JsonLd(format!("{key}: {s} is not defined")));
                        }
                        Ok(Some(Self::node_term(&iri)))
                    }
                    (Some("@json"), _) => Err(unsupported("@json")),
                    (Some("@none") | None, Value::String(s)) => Ok(Some(Term::Literal {
                        value: s.clone(),
                        datatype: XSD_STRING.into(),
                    })),
                    (Some(dt), Value::String(s)) if !dt.starts_with('@') => {
                        Ok(Some(Term::Literal {
                            value: s.clone(),
                            datatype: dt.to_owned(),
                        }))
                    }
                    (Some("@none") | None, Value::Bool(b)) => Ok(Some(Term::Literal {
                        value: b.to_string(),
                        datatype: XSD_BOOLEAN.into(),
                    })),
                    (Some(dt), Value::Bool(b)) if !dt.starts_with('@') => Ok(Some(Term::Literal {
                        value: b.to_string(),
                        datatype: dt.to_owned(),
                    })),
                    (Some("@none") | None, Value::Number(n)) if n.is_i64() || n.is_u64() => {
                        Ok(Some(Term::Literal {
                            value: n.to_string(),
                            datatype: XSD_INTEGER.into(),
                        }))
                    }
                    _ => Err(unsupported(&format!("the value of {key}: {scalar}"))),
                }
            }
        }
    }
}

/// The RDF dataset of a JSON-LD document (deduplicated, in no particular order).
pub(crate) fn to_rdf(doc: &Value) -> Result<Vec<Quad>, Error> {
    let element = doc
        .as_object()
        .ok_or_else(|| Error::JsonLd("a document must be a JSON object".into()))?;
    let mut out = ToRdf {
        quads: Vec::new(),
        blank_count: 0,
    };
    out.node(&Context::default(), None, element, &None)?;
    let mut quads = out.quads;
    quads.sort();
    quads.dedup();
    Ok(quads)
}
