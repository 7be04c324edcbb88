#!/usr/bin/env python3
# tmen34: US pack THREAT edits (session 34). Idempotent: run on main's us.json.
import json, sys
path = sys.argv[1]
p = json.load(open(path))
T = p['violations']['THREAT']
KIDS = "(son|daughter|kid|kids|child|children|boy|girl|baby|wife|husband|mom|mother|dad|father|family|grandkids|grandchildren|little girl|little boy|teenage daughter|teenage son|teenager|sister|brother|parents)"
group = {
 "id": "THREAT.s34-veiled-en",
 "weight": 0.85,
 "note": "session 34 (tmen34): veiled and explicit threats by mechanism — the consumer's own funeral suggested (pick out a headstone, a funeral home brochure sent); men of theirs parked or waiting at the job, outside, after the shift; confinement (lock me in, hold him until, blocked me from leaving); a person taken, grabbed or snatched until paid; their people who will 'take care of' someone; found in a ditch; the collector who can't control his guys; enjoy the kids while you can; a relative who should be more careful somewhere; one payment away from an accident; people who owe get hurt or sick; say goodbye; what's coming to him; 'we send guys'; photos of kin's house; driving past the home; a gun cocked on the line; a harm verb inside quotation marks",
 "en": [
  "(start|go|better|should|might want to|may want to|time to|need to|needs to|gonna need to|'ll need to|will need to|want to|can) (start |go |)(pick*|shop*|look*|choos*|buy*|plan*|pric*) (out |for |at |)(a |your |ur |his |her |)(own |)(headstone|tombstone|gravestone|casket|coffin|burial plot|cemetery plot|grave plot|funeral)",
  "(mailed|sent|left|slipped|put|dropped off|taped|stuck|texted|emailed)[^.!?]{0,40}(funeral home|funeral parlor|funeral|burial|cemetery|casket|coffin|cremation) (brochure|flyer|pamphlet|catalog|catalogue|price list|advertisement|ad|coupon)",
  "(guys|people|men|boys|friends|associates|crew|goons|guy|man|someone|somebody) (are |were |is |'re |)(right |)(parked|waiting|sitting|standing|posted) (right |)(outside|in front of|at|across from|by|near) (my|your|ur|his|her) (job|workplace|work|office|school|car|shop|store|building|house|home|apartment|door|place)",
  "(we're|we are|we're|i'm|i am|they're|they are|our guys are|my guys are|the boys are) (parked|sitting|waiting) (right |)(outside|out front|across the street|down the street|in front|at the end of (your|ur) (street|block|driveway))",
  "come (out|outside|down) or (we|i|they)('ll| will|) (come|are coming|'re coming|break|kick) (in|inside|up|it in|the door)",
  "(i'd|i would|you'd|you should|you'd better|better|might want to|you may want to|you want to) (keep|lock) (my|your|ur|the) (kids|children|family|wife|husband|daughter|son|doors|door) (inside|indoors|locked|home|close|in)",
  "(would|will|'ll|'d|gonna|going to|threaten* to|threatened to|they would|he would) [\"“]?(lock|lock up|hold|keep|lock away) (me|you|him|her|us|them|(my|your|ur|his|her) " + KIDS + ") (in|inside|up|until|till|hostage|in the back)",
  "(blocked|blocking|block|kept) (me|us|him|her|my " + KIDS + ") from (leaving|walking out|getting out|going out|getting to|closing|driving away|opening)",
  "(blocked|blocking|stood in) (the|my|our) (door|doorway|exit|way out|front door) (so |and )(i|we|she|he) (couldn't|could not|can't|cannot|wouldn't be able to) (leave|get out|go|close)",
  "(would|will|'ll|'d|gonna|going to|threaten* to|threatened to|come to|coming to|come and) [\"“]?(take|grab|snatch|kidnap|nab)[\"”]? (me|you|him|her|(my|your|ur|his|her|the) (little |teenage |teen |young |baby |oldest |youngest |)(son|daughter|kid|kids|child|children|boy|girl|baby|wife|husband)) (off|from (school|the bus|the school bus|the playground|daycare|the street|his school|her school)|until|till|away|hostage|as collateral|as payment|with them)",
  "(people|guys|boys|men|crew|friends|associates|goons|partners) (would|will|'ll|'d|can|could|are going to|are gonna|know how to|'re going to) [\"“]?(take care of|deal with|handle|sort out|settle things with)[\"”]? (you|me|him|her|us|them|my|your|ur|his)",
  "found (dead |face down |floating |)(in|at the bottom of) (a |the |some |)(ditch|ditches|river|lake|trunk|dumpster|dumpsters|woods|alley|alleys|gutter|canal|creek|quarry)",
  "(can't|cannot|can not|won't be able to|couldn't|could not|not able to|no way to) (control|stop|hold back|answer for|be responsible for|vouch for) (what |how |)(my|our|the|his|their) (guys|boys|men|people|associates|partners|crew|friends|goons)",
  "enjoy (your|ur|my|his|her) ({TARGETS_EN}|grandkids|grandchildren|life|legs|health|kneecaps|teeth)[\"”]? [\"“]?while (you|i|he|she|they|we|u) (still |)(can|have (them|him|her|it|the chance))",
  "(should|better|had better|'d better|needs to|need to|ought to) be (a lot |much |real |very |extra |really |)(more |)careful[\"”]? (in|at|on|walking|driving|leaving|going|coming|crossing|around|out there|at night|after dark|getting)",
  "(payment|payments|day|days|call|calls|week|weeks|step|steps|phone call|missed payment|late payment) away from (a |an |)(very |real |really |)(bad |terrible |nasty |serious |horrible |unfortunate |tragic |)(accident|fall|fire|injury|hospital stay)",
  "(people|folks|guys|those|customers|clients|anyone|deadbeats) (who|that) (owe|owes|owed|don't pay|do not pay|won't pay|stiff|skip out on) [^.!?]{0,40}(tend to |usually |often |always |sometimes |seem to |)(get|gets|got|end up|ends up|wind up) (hurt|sick|injured|beat up|beaten|in the hospital|killed|dead|in accidents)",
  "(say|kiss) (good-bye|goodbye|good bye) to (you|him|her|them|(your|ur|her|his|my) " + KIDS + "|(your|ur|her|his|my) (knees|legs|kneecaps|fingers|teeth))",
  "kiss (your|ur|her|his) " + KIDS + " (good-bye|goodbye|good bye)",
  "(is|are|'s|'re|will|'ll|gonna|going to|is going to|are going to) (going to |gonna |)get what's coming to (you|him|her|them|ya|u)",
  "(we|they|i) (just |only |)send (guys|men|the boys|some guys|our guys|my guys|the guys|goons|muscle)",
  "(we'll|we will|we'd|they'll|they will|i'll|i will|someone will|somebody will|he'll|he will|someone'll) be waiting (for (you|ya|u) |)(after (your|ur) (shift|work|class|practice)|outside (your|ur)|when (you|ya|u) (get|come|leave|walk))",
  "(picture|photo|pic|image|video|snapshot|photograph)s? of (my|your|ur|our) ({KIN_EN})' (school|house|home|car|front door|porch|driveway|apartment|building|place)",
  "(photographing|photographed|filming|filmed|taking pictures of|took pictures of|took photos of|taking photos of) (my|our|your|ur) (house|home|kids|children|son|daughter|front door|windows|apartment|family)",
  "(driven|drove|driving|drives|been driving|cruised|cruising|circling|circled) (past|by|around) (my|your|ur|our) (house|home|place|apartment|job|kids' school|school|parents' house|mom's house) (twice|three times|every|each|again|several|a few|all)",
  "(sound|sounds|sounded like|noise|click) (of |)(a |someone |somebody |)(gun|shotgun|pistol|rifle) (being |)(cocked|racked|loaded)",
  "(cocking|racking|loading|cocked|racked) (a |the |his |)(gun|shotgun|pistol|rifle|handgun)",
  "(slit|cut|slash) (my|your|ur|his|her) (throat|throats)",
  "(put|pop) [\"“]?(a bullet|bullets|a cap|a round|a slug)[\"”]? (in|into|through|between)",
  "(have|get|got|want) (my|your|ur|his|her) (legs|arms|kneecaps|knees|fingers|neck|bones|face|teeth|jaw) [\"“]?(broken|broke|smashed|busted|rearranged|snapped|crushed)",
  "(come|coming|came back|stop|drop|swing|show) (over|by|around|round|up|back) with (some|a few|a couple of|a couple|a bunch of|his|their|my|our) (friends|guys|buddies|boys|men|associates)",
  "(know|knows|knew) (what time|when|where|which way) (you|your|ur|my|his|her|she|he) ... (drop|drops|drop off|drops off|pick up|picks up) (the |your |ur |my |her |his |)(kids|children|son|daughter|baby|little one)",
  "(lives|live|stays|stay|sleeps|sleep|is home|are home) alone,? (right|huh|yeah|eh|don't|doesn't|isn't|aren't)",
  "(gas line|gas lines|gas pipe|gas main|brake line|brake lines) (could|might|may|would|can|will) (start |)(leak*|fail*|break|burst|explode|go out)",
  "(b|be) careful (crossin|crossing|walkin|drivin|2morrow|2nite|tonight|tomorrow) (the |that |)(street|road|2morrow|tomorrow|tonight|home)",
  "(pay|paying) (us|me|the bill|it) or (you can |you'll |you will |you |)(pay|be paying) (the hospital|the doctor|the er|the morgue|the funeral home|for (a|your) (funeral|hospital stay|casket))",
  "people (get|got|have been|are) (stabbed|shot|killed|hurt|beaten|beat up|murdered) (over|for) (a lot less|less|way less|much less)",
  "(gonna|going to|will|'ll|'d|would|might) need (a wheelchair|crutches|a cast|stitches|an ambulance|a new face|new teeth|a casket|a coffin|a funeral)",
  "(he|they|guy|guys|man|men|boys) (doesn't|don't|does not|do not|won't|will not|never) knock",
  "(won't|will not|wont) be knocking",
  "(get|gets|getting|gonna get|going to get) (merked|whacked|popped|capped|clipped|offed|iced)",
  "dead (man|woman|men) walking",
  "or (you'll |you will |you |u |u'll |)(get|gets) (hurt|beat up|killed)",
  "(send|sending) (him|them|some guys|a guy|my cousin|my boys|my guys) (your|ur) way",
  "one (finger|toe|tooth|bone|knee|kneecap) at a time",
  "(know|knows|knew) (your|his|her|my|ur) (route|way) (home|to work|to school)",
  "eating through a straw",
  "(we're|we are|we'll|we will) (take|taking) you (too|with (us|it|the car))",
  "(is|'s|are|'re) (going to|gonna) (disappear|vanish|go missing)",
  "(might|may|will|won't|would|never) (not |never |)see (her|his|your|their|my|ur) " + KIDS + " again",
  "(want|like) (them|him|her|your [a-z]+|ur [a-z]+) (to|2) stay (safe|healthy|in one piece)",
  "(we're|we are|i'm|i am) (always |)watching (you|u|ya)",
  "(see|saw) (you're|youre|ur|you are) (home|back|out) (early|late|alone)",
  "hope (she|he|they|the kids|your kid|your kids|your daughter|your son|your wife|your husband|your family) (stays|stay) safe",
  "easy to lose track of (a|your|the) (kid|child|kids)",
  "kick (it|the door|your door|my door) (in|down)",
  "(don't|do not|dont) make (us|me|them|him) (come|go) (in|inside|over|back|there)",
  "(parking lots?|parking garages?|stairwells?|alleys?|trails?) (can be|are|is|get|gets) (real |really |pretty |very |so |)(dangerous|dark|quiet|lonely)",
  "(she's|he's|you've|they've|she has|he has|you have|you|they have) got (kids|a family|children|a wife|a husband|a daughter|a son|a baby|little ones) to think about",
  "(houses|homes|cars|trucks|garages|apartments|places like yours) (burn down|burn|catch fire|go up in flames) (every day|all the time|so easily|every week|every night)"
 ]
}
T['phrases'].append(group)
SPEAKER = [
 "re:^(my|our) (ex|ex-husband|ex-wife|ex-boyfriend|ex-girlfriend|neighbor|neighbour|landlord|landlady|roommate|dad|father|mom|mother|stepdad|stepfather|stepmom|boyfriend|girlfriend|husband|wife|brother|sister|brother-in-law|sister-in-law|father-in-law|mother-in-law|cousin|uncle|aunt|son|daughter|boss|manager|coworker|co-worker|friend|buddy|partner|fiance|fiancee)\\b(,[^,.!?;]{0,60},|[^.!?;]{0,60} and)? (also |even |once |just |)(said|says|told me|texted|texts|keeps texting|has been texting|yelled|screamed|swore|joked|warned me)( that)?( if [^,.!?;]{0,60},?)? ?(he'd|she'd|he'll|she'll|he would|she would|he will|she will|he was going to|she was going to|he's going to|she's going to|he is going to|she is going to|he's gonna|she's gonna|he might|she might|he could|she could)\\b[^.!?;]{0,80}",
 "re:^(my|our) (ex|ex-husband|ex-wife|ex-boyfriend|ex-girlfriend|neighbor|neighbour|landlord|landlady|roommate|dad|father|mom|mother|stepdad|stepfather|stepmom|boyfriend|girlfriend|husband|wife|brother|sister|brother-in-law|sister-in-law|father-in-law|mother-in-law|cousin|uncle|aunt|son|daughter|boss|manager|coworker|co-worker|friend|buddy|partner|fiance|fiancee)\\b(,[^,.!?;]{0,60},)? (also |even |once |just |)(threatened|promised|vowed|swore) to\\b[^.!?;]{0,80}",
 "re:^(some|a|one) (random |)(guy|man|woman|lady|person|dude|kid|player|stranger)( (at|on|in) (my |the |a |an |)(gym|work|facebook|twitter|instagram|tiktok|reddit|online game|game|bar|store|church|school|party|forum|comments|chat|discord|group chat|neighborhood))? (said|says|threatened|swore|texted|wrote|messaged)( that)? (he'd|she'd|he would|she would|he will|she will|he'll|she'll|he was going to|she was going to|to)\\b[^.!?;]{0,80}",
 "re:^(a|one|some) (lady|guy|woman|man|coworker|co-worker|friend|colleague|neighbor) (at|from|in) (my |the |)(gym|work|church|school|office|bar|job)\\b[^.!?;]{0,120}",
 "re:\\b(says|said|told me) (the same|this|that|their) (collector|agency|company|caller)\\b[^.!?;]{0,20}\\b(told|warned|said to) (her|him|them)\\b[^.!?]{0,60}",
 "re:\\b(scammer|scam artist|impostor|imposter|fraudster)\\b[^.!?]{0,140}",
 "re:\\b(saw|watched|seen|read) (a|an|the|some|this) (tiktok|youtube video|video online|movie|film|tv show|show|news story|news report|article|documentary|podcast|reddit post)\\b[^.!?]{0,100}",
 "re:^(on|in) (a|the|some) (tv show|show|movie|film|tiktok|video|podcast|news|documentary|series)\\b[^.!?]{0,140}",
 "re:\\bi\\b[^.!?]{0,30}\\b(told|warned|yelled at|screamed at) (him|her|them|the collector|the agent|the caller|the rep)\\b[^.!?]{0,10}\\bi('d| would|'ll| will)\\b",
 "re:\\b(i|we) asked\\b[^.!?]{0,30}\\b(if|whether|are|were|will|would|is|was)\\b[^.!?]{0,30}\\b(going to|gonna|planning to|would|will) (hurt|kill|harm|beat|shoot|come after)\\b[^.!?]{0,10}",
]
LAWFUL = [
 "shoot (me|us|him|her|them) (a |an |over a |over an |)(quick |short |brief |)[\"“]?(email|e-mail|text|message|note|line|call|fax|letter)",
 "kill (the|your|my|all|any|those|these|some|his|her|that|this) (late |extra |)(interest|fees|fee|penalties|penalty|charges|charge|deal|offer|account|call|line|noise|collection|collections|debt|balance|promo|discount)",
 "re:\\b(credit|score|rating|report|record|finances|reputation)\\b[^.!?]{0,30}\\b(killed|hurt|harmed|destroyed|ruined|damaged|wrecked|tanked)\\b",
 "re:\\b(find|found|locate|located|track|tracked|hunt|know where|can't hide|cannot hide)\\b[^.!?]{0,100}\\b(skip[- ]?trac\\w*|databases?|credit (bureaus?|reports?|agencies)|public records|address (for|from|on file)|the lawsuit|serve (you|me|papers))\\b",
 "re:\\b(regret\\w*|be sorry|miserable|or else|be careful)\\b[^.!?]{0,100}\\b(judgments?|lawsuits?|sue|suing|court|litigation|legal action|attorneys?|credit (bureaus?|reports?|score)|garnish\\w*|settlement|offer|deadline|dispute|interest rates?|by calling|calling every|collection agency|payday loans)\\b",
 "re:\\baccidents? (happen|happens)\\b[^.!?]{0,60}\\b(hardship|deferment|deferral|forbearance|insurance|coverage|payment plan|that's why|which is why)\\b",
 "accident (insurance|policy|coverage|claim|report|benefits|settlement|lawyer|attorney)",
 "(was in|were in|after|since|because of|due to|following|injured in|hurt in) (a|an|my|the|his|her) (car|auto|motorcycle|traffic|work|workplace|bad|serious|terrible) (accident|crash)",
 "re:\\b(taken|take|took|seized|repossess\\w*)\\b[^.!?]{0,60}\\b(child protective|cps|social services|foster care|the state|custody|repo|secured|collateral|lien|court order)\\b",
 "(children's|childrens|kids'|kids|son's|daughter's) school address",
 "re:\\b(didn't|didnt|did not|don't|dont|do not|never) (even |)(know|knew|realized|thought) (that |)(they|collectors|a collector|companies|lenders|you) (could|can|were allowed to|are allowed to|had the right to)\\b[^.!?]{0,60}",
 "re:\\b(know|knows|knew) where (you|i|u) (live|work|stay)\\b[^.!?]{0,100}\\b(confirm\\w*|verif\\w*|mail|mailing|validation|notice|letter|statement|on the account|on file|paperwork|settlement offer)\\b",
 "re:\\b(shame|pity)\\b[^.!?]{0,30}\\b(lose|lost|miss|missed|pass up|passed up|waste|wasted)\\b[^.!?]{0,30}\\b(settlement|offer|deal|discount|chance|opportunity|savings)\\b",
 "re:\\b(cops|police|sheriff|officers?|marshals?|deputies)\\b[^.!?]{0,20}\\b(show up|shows up|come|arrive|knock|are coming|will come)\\b[^.!?]{0,40}",
]
# session 34: a bare "pay or else" ranks HIGH, not URGENT (two writers: not a threat to safety by itself)
for g in T['phrases']:
    if g.get('id') == 'THREAT.menace-en':
        g['en'] = [e for e in g['en'] if e != "pay (it |up |this |that |)(now |today |)or else"]
T['phrases'].append({"id": "THREAT.s34-orelse-en", "weight": 0.7, "note": "session 34 (tmen34): a bare 'pay or else' names no harm: THREAT ranked HIGH, not URGENT (moved from THREAT.menace-en at 0.85); with a harm or menace beside it, another group ranks it URGENT", "en": ["pay (it |up |this |that |)(now |today |)or else"]})
# "can't hide" locates, it does not harm (two writers: not a threat); kept where kin or a harm follow
p['classes']['HARMP_EN'] = [e for e in p['classes']['HARMP_EN'] if e != "can't hide"]
T['except']['en'] += SPEAKER + LAWFUL
for c in p['composites']:
    if c.get('type') != 'THREAT': continue
    for k in ('except', 'gateExcept'):
        if k in c and 'en' in c[k]:
            c[k]['en'] += SPEAKER
    if 'thenExcept' in c and 'en' in c['thenExcept']:
        c['thenExcept']['en'] += LAWFUL
    elif 'then' in c and 'en' in c.get('then', {}):
        c['thenExcept'] = c.get('thenExcept', {}); c['thenExcept']['en'] = list(LAWFUL)
s = json.dumps(p, ensure_ascii=False, indent=1) + '\n'
s = s.replace(''' "threatModel": {
  "model": "off",
  "threshold": {
   "zh": 0.456,
   "en": 0.851
  }
 },''', ''' "threatModel": {"model": "off", "threshold": {"zh": 0.456, "en": 0.851}},''')
open(path, 'w').write(s)
