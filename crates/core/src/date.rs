//! Day arithmetic on `YYYY-MM-DD` strings, the one date form a fold stores.

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, or `None` when it is not one. Used to compare
/// publication dates (how many days apart two articles are).
pub fn parse_day_number(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::parse_day_number;

    #[test]
    fn counts_days() {
        assert_eq!(parse_day_number("1970-01-01"), Some(0));
        assert_eq!(
            parse_day_number("2026-03-11")
                .zip(parse_day_number("2026-03-24"))
                .map(|(a, b)| b - a),
            Some(13)
        );
        assert_eq!(
            parse_day_number("2024-03-01")
                .zip(parse_day_number("2024-02-28"))
                .map(|(a, b)| a - b),
            Some(2)
        );
        assert_eq!(parse_day_number("yesterday"), None);
    }
}
