//! What the scheme catalogue says of a certificate type that the rules depend on.

crate::coded_enum! {
    /// Who holds a certificate of the type: a person or a company.
    pub enum Subject {
        Person = "person",
        Company = "company",
    }
}
