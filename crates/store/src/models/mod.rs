//! The records, each file one table and its queries.

pub mod attestation;
pub mod bulk;
pub mod case;
pub mod catalog;
pub mod company;
pub mod counter;
pub mod decision;
pub mod email_token;
pub mod employment;
pub mod event;
pub mod exam;
pub mod file;
pub mod final_review;
pub mod invoice;
pub mod life;
pub mod limited_mail;
pub mod login_failure;
pub mod moment;
pub mod outbox;
pub mod person;
pub mod register;
pub mod review;
pub mod session;

/// A status change as `domain` allowed it: the update is guarded on `from` (someone
/// else's change in between makes it hit no row) and writes `to`. The store never decides
/// a transition itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change<S> {
    pub from: S,
    pub to: S,
}

/// One page of a longer list, with the total so the UI can show the hit count and pages.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Page<T> {
    pub fn pages(&self) -> i64 {
        if self.total == 0 {
            1
        } else {
            (self.total + self.per_page - 1) / self.per_page
        }
    }
    /// Where a page starts. Saturating: a page number of 19 digits in an address is past
    /// every end, not an overflow.
    pub fn offset(page: i64, per_page: i64) -> i64 {
        (page.max(1) - 1).saturating_mul(per_page)
    }

    /// The page numbers a pager links to: the first and the last, and two either side of
    /// this one, with a gap where numbers are left out; a queue of 7 000 pages gets a
    /// pager of nine links, not 7 000.
    pub fn window(&self) -> Vec<PagerLink> {
        let last = self.pages();
        let mut links: Vec<PagerLink> = Vec::new();
        let mut previous = 0;
        for n in [
            1,
            self.page - 2,
            self.page - 1,
            self.page,
            self.page + 1,
            self.page + 2,
            last,
        ] {
            if n < 1 || n > last || n <= previous {
                continue;
            }
            if n == previous + 2 {
                // A gap of one page is that page's link.
                links.push(PagerLink {
                    number: n - 1,
                    current: false,
                    gap: false,
                });
            } else if n > previous + 2 {
                links.push(PagerLink {
                    number: 0,
                    current: false,
                    gap: true,
                });
            }
            links.push(PagerLink {
                number: n,
                current: n == self.page,
                gap: false,
            });
            previous = n;
        }
        links
    }
}

/// One entry of a pager: a page number, or a gap («…»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagerLink {
    pub number: i64,
    pub current: bool,
    pub gap: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(page: i64, total: i64) -> String {
        let p = Page::<()> {
            items: vec![],
            total,
            page,
            per_page: 25,
        };
        p.window()
            .iter()
            .map(|l| match (l.gap, l.current) {
                (true, _) => "…".to_string(),
                (_, true) => format!("[{}]", l.number),
                _ => l.number.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_pager_shows_the_ends_and_the_neighbourhood() {
        assert_eq!(window(1, 0), "[1]");
        assert_eq!(window(1, 100), "[1] 2 3 4");
        assert_eq!(window(1, 173_597), "[1] 2 3 … 6944");
        assert_eq!(window(1000, 173_597), "1 … 998 999 [1000] 1001 1002 … 6944");
        assert_eq!(window(6944, 173_597), "1 … 6942 6943 [6944]");
        assert_eq!(window(4, 200), "1 2 3 [4] 5 6 7 8");
        assert_eq!(window(5, 250), "1 2 3 4 [5] 6 7 … 10");
        assert_eq!(window(6, 250), "1 … 4 5 [6] 7 8 9 10");
    }
}
