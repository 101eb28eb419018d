//! The FNV-1 and FNV-1a 32-bit mixing steps used by ethash and ProgPoW.

/// The FNV prime for 32-bit words.
const FNV_PRIME: u32 = 0x0100_0193;

/// The FNV offset basis: the initial value of every FNV-1a fold.
pub const FNV_OFFSET_BASIS: u32 = 0x811c_9dc5;

/// FNV-1 step (multiply, then xor), as ethash uses it.
#[inline(always)]
pub fn fnv1(u: u32, v: u32) -> u32 {
	u.wrapping_mul(FNV_PRIME) ^ v
}

/// FNV-1a step (xor, then multiply), as ProgPoW uses it.
#[inline(always)]
pub fn fnv1a(h: u32, d: u32) -> u32 {
	(h ^ d).wrapping_mul(FNV_PRIME)
}
