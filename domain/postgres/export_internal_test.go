package postgres

// LikelyDuplicatesSQL is the duplicate lookup, for the plan test.
const LikelyDuplicatesSQL = likelyDuplicatesSQL

// LikelyDuplicatesOfSQL is the batch's duplicate lookup, for the plan test.
const LikelyDuplicatesOfSQL = likelyDuplicatesOfSQL
