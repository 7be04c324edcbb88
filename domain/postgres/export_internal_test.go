package postgres

// LikelyDuplicatesSQL is the duplicate lookup, for the plan test.
const LikelyDuplicatesSQL = likelyDuplicatesSQL
