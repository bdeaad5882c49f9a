//! Union-find over indexes, the one every stage uses to group things (copies into origins,
//! sentences into facts, articles into stories). A group's root is always its smallest member,
//! so groups and their roots do not depend on the order of the joins.

/// Disjoint sets over `0..n`.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// `n` sets of one member each.
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    /// The root (smallest member) of `x`'s set.
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Join the sets of `a` and `b`; true when they were apart.
    pub fn join(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
        ra != rb
    }
}

#[cfg(test)]
mod tests {
    use super::UnionFind;

    #[test]
    fn the_smallest_member_is_the_root_whatever_the_order() {
        let mut u = UnionFind::new(5);
        assert!(u.join(4, 3));
        assert!(u.join(3, 1));
        assert!(!u.join(1, 4));
        assert_eq!(
            (0..5).map(|i| u.find(i)).collect::<Vec<_>>(),
            [0, 1, 2, 1, 1]
        );
    }
}
