//! One page size and one way to read a page number, for every paged list of the portal.

/// A query string that carries only a page number (`?page=3`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PageQuery {
    pub page: String,
}

/// Rows per page in every list.
pub const PER_PAGE: i64 = 25;

/// A page number from the query string. Anything but a positive whole number is the first
/// page: a mistyped or stale link shows page 1 rather than an error. (Query structs keep
/// `page` as text so that a bad value never fails to deserialise.)
pub fn page_no(raw: &str) -> i64 {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_page_numbers_are_the_first_page() {
        assert_eq!(page_no("3"), 3);
        assert_eq!(page_no(" 2 "), 2);
        for odd in ["", "0", "-1", "abc", "1.5", "99999999999999999999"] {
            assert_eq!(page_no(odd), 1, "{odd:?}");
        }
    }
}
