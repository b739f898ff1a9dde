#!/usr/bin/perl
# Regenerates src/main/resources/io/jvitess/vindexes/ducet-primary-weights.txt.gz for the unicode_loose_* vindexes.
#
# Input: a DUCET allkeys.txt (Debian ships UCA 13.0.0 with perl as
# /usr/share/perl/<version>/Unicode/Collate/allkeys.txt). Output, one line per collation entry whose code points
# were all assigned in Unicode 6.2 (the version Vitess's collation tables are built from):
#   <hex code points, space separated>;<hex primary weights, space separated, empty if ignorable>
# Entries carrying implicit (FBxx) primaries are dropped: the Java side derives those from the code point.
# The weights are DUCET 13.0's; UnicodeLooseKey maps them onto the CLDR 23 scale at load time.
#
# Usage: perl scripts/generate-unicode-primary-weights.pl /usr/share/perl/5.36.0/Unicode/Collate/allkeys.txt \
#          | gzip -9n > src/main/resources/io/jvitess/vindexes/ducet-primary-weights.txt.gz
use strict;
use warnings;

my $path = shift or die "usage: $0 allkeys.txt\n";
open my $in, '<', $path or die "cannot read $path: $!\n";
while (my $line = <$in>) {
    next unless $line =~ /^([0-9A-F ]+?)\s*;\s*((?:\[[^\]]*\])+)/;
    my ($codes, $elements) = ($1, $2);
    my @codePoints = map { hex } split / /, $codes;
    next if grep { chr($_) !~ /\p{In=6.2}/ } @codePoints;
    my @primaries;
    while ($elements =~ /\[[.*]([0-9A-F]{4,5})\./g) {
        my $primary = hex $1;
        push @primaries, $primary if $primary != 0;
    }
    next if grep { $_ >= 0xFB00 && $_ <= 0xFBFF } @primaries;
    print join(' ', map { sprintf '%X', $_ } @codePoints), ';', join(' ', map { sprintf '%X', $_ } @primaries), "\n";
}
