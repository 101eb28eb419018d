//! The fixed generators (SPEC §2): `G` for keys and signatures, `G_r` for the blinding of
//! asset commitments. Both are `HashToCurve` of a public string, so nobody knows the
//! discrete log of one to the other or to any asset base. They are written out as
//! constants (the runtime uses them on every transaction); a test recomputes them.

use crate::{blake2b, constants, Base, Point};
use ark_ff::MontFp;

/// `G = HashToCurve(generator_id("G"))`.
pub const G: Point = Point::new_unchecked(
	MontFp!("3445557079314139649588569380670811882188065119902025505213306977914717712763"),
	MontFp!("4905444098503840524159674032313195754371898425312831178133300927576462274471"),
);

/// `G_r = HashToCurve(generator_id("G_r"))`.
pub const G_R: Point = Point::new_unchecked(
	MontFp!("13567338039121954334277255669036294349902640960815865903148466632127965052848"),
	MontFp!("11618801393376920502381533698265408986355795816849130957453149120050306658489"),
);

/// The id hashed onto the curve for the generator named `name`.
pub fn generator_id(name: &[u8]) -> Base {
	blake2b::hash_to_base(&blake2b::personal(constants::GENERATOR), &[name])
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::hash_to_curve::hash_to_curve;

	#[test]
	fn constants_are_the_hashes_of_their_names() {
		assert_eq!(hash_to_curve(generator_id(b"G")), Some(G));
		assert_eq!(hash_to_curve(generator_id(b"G_r")), Some(G_R));
		assert!(G.is_in_correct_subgroup_assuming_on_curve() && G.is_on_curve());
		assert!(G_R.is_in_correct_subgroup_assuming_on_curve() && G_R.is_on_curve());
		assert_ne!(G, G_R);
	}
}
