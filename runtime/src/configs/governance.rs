//! On-chain governance: token holders decide referenda, the scheduler enacts them.
//!
//! - **Referenda** (`pallet-referenda`) on two tracks: *root* (any call as Root, e.g.
//!   `system.authorize_upgrade`) and *whitelisted caller* (only calls the technical
//!   committee whitelisted, dispatched as Root, with a shorter vote for urgent fixes).
//! - **Votes** (`pallet-conviction-voting`): SERO locked with conviction; support
//!   counts the SERO behind aye votes against total issuance.
//! - **Preimages** (`pallet-preimage`) hold proposals; a deposit pays for the storage.
//! - **Scheduler** (`pallet-scheduler`) runs referendum alarms and enactments.
//! - **Technical committee** (`pallet-collective`) whitelists calls
//!   (`pallet-whitelist`) by a two-thirds motion.
//!
//! The track table (names, deposits, curves) and its production periods live here;
//! a chain spec may shorten the periods per track through `pallet-governance`, which
//! is how a development chain decides a referendum in minutes.

use super::*;
use alloc::borrow::Cow;
use frame_support::traits::{
	fungible::HoldConsideration, EitherOf, EqualPrivilegeOnly, Get, LinearStoragePrice,
	OriginTrait, TotalIssuanceOf,
};
use pallet_collective::EnsureProportionAtLeast;
use pallet_governance::{EnsureWhitelistedCaller, Periods, TrackId};
use pallet_referenda::{Curve, Track, TrackInfo, TracksInfo};

/// Target seconds per block of a production chain (SPEC §7).
const BLOCK_SECONDS: BlockNumber = 13;
/// Blocks in `n` minutes at the production block time.
const fn minutes(n: BlockNumber) -> BlockNumber {
	n * 60 / BLOCK_SECONDS
}
/// Blocks in `n` hours at the production block time.
const fn hours(n: BlockNumber) -> BlockNumber {
	minutes(n * 60)
}
/// Blocks in `n` days at the production block time.
const fn days(n: BlockNumber) -> BlockNumber {
	hours(n * 24)
}

parameter_types! {
	pub const PreimageBaseDeposit: Balance = SERO;
	pub const PreimageByteDeposit: Balance = MILLI_SERO / 100;
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	/// Noting a preimage holds 1 SERO plus 0.00001 SERO per byte until it is unnoted.
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// Scheduled calls may use 80 % of a block.
	pub MaximumSchedulerWeight: Weight = Perbill::from_percent(80) * RuntimeBlockWeights::get().max_block;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type Polls = Referenda;
	/// Support is measured against all SERO in existence.
	type MaxTurnout = TotalIssuanceOf<Balances, AccountId>;
	type MaxVotes = ConstU32<512>;
	/// A vote with conviction 1x stays locked a week after the referendum ends; each
	/// step up doubles that.
	type VoteLockingPeriod = ConstU32<{ days(7) }>;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

/// The track of referenda that dispatch as Root.
pub const ROOT_TRACK: TrackId = 0;
/// The track of referenda that dispatch calls the technical committee whitelisted.
pub const WHITELISTED_CALLER_TRACK: TrackId = 1;

/// A track's name as the referenda pallet stores it: UTF-8, zero-padded.
const fn track_name(name: &str) -> [u8; 25] {
	let bytes = name.as_bytes();
	let mut out = [0u8; 25];
	let mut i = 0;
	while i < bytes.len() {
		out[i] = bytes[i];
		i += 1;
	}
	out
}

/// Approval falls from 100 % to 50 % of the conviction-weighted votes over the
/// decision period.
const APPROVAL: Curve = Curve::LinearDecreasing {
	length: Perbill::from_percent(100),
	floor: Perbill::from_percent(50),
	ceil: Perbill::from_percent(100),
};

/// The tracks with their production periods, sorted by id.
static TRACKS: [Track<TrackId, Balance, BlockNumber>; 2] = [
	Track {
		id: ROOT_TRACK,
		info: TrackInfo {
			name: track_name("root"),
			max_deciding: 1,
			decision_deposit: 10_000 * SERO,
			prepare_period: hours(2),
			decision_period: days(14),
			confirm_period: days(1),
			min_enactment_period: days(1),
			min_approval: APPROVAL,
			// Support: half of all SERO at first, falling to 1 % by the end.
			min_support: Curve::LinearDecreasing {
				length: Perbill::from_percent(100),
				floor: Perbill::from_percent(1),
				ceil: Perbill::from_percent(50),
			},
		},
	},
	Track {
		id: WHITELISTED_CALLER_TRACK,
		info: TrackInfo {
			name: track_name("whitelisted_caller"),
			max_deciding: 10,
			decision_deposit: 1_000 * SERO,
			prepare_period: minutes(30),
			decision_period: days(14),
			confirm_period: minutes(10),
			min_enactment_period: minutes(10),
			min_approval: APPROVAL,
			// The committee has vetted the call: 10 % support at first, 0.5 % at the end.
			min_support: Curve::LinearDecreasing {
				length: Perbill::from_percent(100),
				floor: Perbill::from_parts(5_000_000),
				ceil: Perbill::from_percent(10),
			},
		},
	},
];

/// The referendum tracks: [`TRACKS`] with the periods the chain spec set, if any.
pub struct Tracks;

impl TracksInfo<Balance, BlockNumber> for Tracks {
	type Id = TrackId;
	type RuntimeOrigin = <RuntimeOrigin as OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<TrackId, Balance, BlockNumber>>> {
		let overrides = pallet_governance::TrackPeriods::<Runtime>::get();
		TRACKS.iter().map(move |track| match overrides.iter().find(|(id, _)| *id == track.id) {
			None => Cow::Borrowed(track),
			Some((_, periods)) => Cow::Owned(with_periods(track, periods)),
		})
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<TrackId, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ROOT_TRACK),
			OriginCaller::Governance(pallet_governance::Origin::WhitelistedCaller) => {
				Ok(WHITELISTED_CALLER_TRACK)
			},
			_ => Err(()),
		}
	}
}

/// `track` with its periods replaced by `periods`.
fn with_periods(
	track: &Track<TrackId, Balance, BlockNumber>,
	periods: &Periods<BlockNumber>,
) -> Track<TrackId, Balance, BlockNumber> {
	let mut track = track.clone();
	track.info.prepare_period = periods.prepare;
	track.info.decision_period = periods.decision;
	track.info.confirm_period = periods.confirm;
	track.info.min_enactment_period = periods.min_enactment;
	track
}

/// A referendum without a decision deposit for two weeks (or the chain spec's
/// override) times out.
pub struct UndecidingTimeout;

impl Get<BlockNumber> for UndecidingTimeout {
	fn get() -> BlockNumber {
		pallet_governance::UndecidingTimeout::<Runtime>::get().unwrap_or(days(14))
	}
}

impl pallet_governance::Config for Runtime {
	type MaxTracks = ConstU32<{ TRACKS.len() as u32 }>;
}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	/// Any account may submit, with the submission deposit.
	type SubmitOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type CancelOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	/// Deposits of killed referenda are burnt.
	type Slash = ();
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = ConstU128<{ 10 * SERO }>;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	/// Referenda are checked every block.
	type AlarmInterval = ConstU32<1>;
	type Tracks = Tracks;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

/// The technical committee's instance of `pallet-collective`.
pub type TechnicalCollective = pallet_collective::Instance1;

parameter_types! {
	/// A committee motion may use half a block.
	pub MaxCommitteeProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<TechnicalCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = ConstU32<{ days(3) }>;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<50>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Members change by referendum.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxCommitteeProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// Two thirds of the technical committee (or Root) whitelist a call.
	type WhitelistOrigin = EitherOf<
		EnsureRoot<AccountId>,
		EnsureProportionAtLeast<AccountId, TechnicalCollective, 2, 3>,
	>;
	/// A passed whitelisted-caller referendum (or Root) dispatches it.
	type DispatchWhitelistedOrigin = EitherOf<EnsureRoot<AccountId>, EnsureWhitelistedCaller>;
	type Preimages = Preimage;
	type DeferredDispatchExpiration = ConstU32<{ days(7) }>;
	type BlockNumberProvider = System;
	type WeightInfo = pallet_whitelist::weights::SubstrateWeight<Runtime>;
}
