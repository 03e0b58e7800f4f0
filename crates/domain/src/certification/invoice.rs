//! «Ange fakturamottagare»: who the body invoices for a case.

crate::coded_enum! {
    pub enum InvoiceRecipientKind {
        /// «Företag»: a registered company (by default the confirmed employer).
        Company = "company",
        /// «Mig personligen»: the person, at their private address.
        Personal = "personal",
        /// «Alternativ fakturaadress».
        Alternative = "alternative",
    }
}
