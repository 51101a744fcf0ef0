// The starter corpus as a table: one row per tune, then how many tunes of each rhythm.
var starter = corpus("starter");
System.out.println(starter);
System.out.println(starter.table().first(5));
System.out.println(starter.table().countBy("rhythm"));
