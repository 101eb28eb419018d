//! Marsaglia's KISS random number generator, in its 1999 form, as ProgPoW uses it.

/// The state of a KISS99 generator.
#[derive(Clone, Debug)]
pub struct Kiss99 {
	z: u32,
	w: u32,
	jsr: u32,
	jcong: u32,
}

impl Kiss99 {
	/// A generator with the given state words.
	pub fn new(z: u32, w: u32, jsr: u32, jcong: u32) -> Self {
		Self { z, w, jsr, jcong }
	}

	/// The next output.
	#[inline(always)]
	pub fn next_u32(&mut self) -> u32 {
		self.z = 36969u32.wrapping_mul(self.z & 0xffff).wrapping_add(self.z >> 16);
		self.w = 18000u32.wrapping_mul(self.w & 0xffff).wrapping_add(self.w >> 16);
		let mwc = (self.z << 16).wrapping_add(self.w);
		self.jsr ^= self.jsr << 17;
		self.jsr ^= self.jsr >> 13;
		self.jsr ^= self.jsr << 5;
		self.jcong = 69069u32.wrapping_mul(self.jcong).wrapping_add(1_234_567);
		(mwc ^ self.jcong).wrapping_add(self.jsr)
	}
}
