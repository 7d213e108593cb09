"""Shared test data: one piece of evidence per criterion of sssc-sil-1, free of private details and
unexplained acronyms, so statements built from it can pass every preflight row."""

EVIDENCE = {
    "c1": "I supported a man to use Self-directed Support (SDS) so that he could choose his own personal "
    "assistant and take control of his week.",
    "c2": "We listened to carers about what a good day looks like and changed how we plan visits so "
    "families have a real say.",
    "c3": "I asked the people we support what outcomes matter to them and we wrote their support plans in "
    "their own words.",
    "c4": "Our team reviewed how we share decisions and I coached staff to step back so people lead their own reviews.",
    "c5": "We co-produced a leaflet with people who use services, who chaired the working group and chose "
    "the pictures.",
    "c6": "I reflected on my own leadership and how I model respect, and I asked for feedback from "
    "colleagues and families.",
}
