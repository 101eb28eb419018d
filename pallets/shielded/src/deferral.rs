//! Which blocks defer their transactions' proofs to one batch (docs/SHIELDED.md, "Deferred
//! proofs").
//!
//! A block being imported checks each shielded transaction's cryptography but its proofs in
//! `pre_dispatch`, and all the block's proofs at once in `on_finalize`
//! (`verify_transaction_deferring_proofs`, then `verify_deferred_proofs`): the batch's fixed
//! cost, six Miller loops (three per circuit's key) and a final exponentiation per
//! transaction before, is paid once a block. A block being built verifies each transaction in full instead, so that its author
//! leaves out a transaction whose proofs fail (one the pool accepted before a verifying key
//! changed, say) rather than build a block that cannot finalize.
//!
//! **Why the two agree.** Whichever way a block is checked, it is valid exactly when every
//! one of its transactions passes every check: a proof that fails refuses the transaction in
//! `pre_dispatch` when verified in full (a block with it does not import; an author leaves it
//! out), and fails the block's batch when deferred (the block does not import). What a valid
//! block writes is the same both ways: the records of deferred proofs are taken again in the
//! block's `on_finalize`, so they are never in its state.
//!
//! The runtime's `Core::execute_block` runs the import in [`while_importing`]; every other
//! entry point (building a block, the pool's validation, benchmarks, tests) verifies in full.

environmental::environmental!(importing: bool);

/// Runs `f`, a block's import, with the proofs of its shielded transactions deferred to the
/// block's batch.
pub fn while_importing<R>(f: impl FnOnce() -> R) -> R {
	importing::using(&mut true, f)
}

/// Whether the block running now is being imported (see the module's doc).
pub(crate) fn importing() -> bool {
	importing::with(|importing| *importing).unwrap_or(false)
}
