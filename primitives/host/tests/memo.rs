//! The host function with the node's memo of verified transactions on: it answers the
//! arguments it accepted before, and nothing else (`sero_host::memo`). A process of its own:
//! the memo is the process's.

mod transfer;

use sero_host::memo;
use transfer::{transfer, verify};

#[test]
fn the_memo_answers_exactly_the_arguments_it_accepted() {
	let t = transfer();
	let keys = (&t.keys.0[..], &t.keys.1[..]);

	// Off (as for the benchmarks): every call verifies.
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));
	assert_eq!(memo::hits(), 0);

	// On: the first call verifies and is remembered, the second is answered.
	memo::enable();
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));
	assert_eq!(memo::hits(), 0);
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));
	assert_eq!(memo::hits(), 1);

	// A change to any argument is not the accepted call: verified, and refused.
	transfer::assert_every_change_is_refused(&t);
	assert_eq!(memo::hits(), 1);
	// Rejections are not remembered, and the acceptance still is.
	transfer::assert_every_change_is_refused(&t);
	assert_eq!(memo::hits(), 1);
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));
	assert_eq!(memo::hits(), 2);
}
