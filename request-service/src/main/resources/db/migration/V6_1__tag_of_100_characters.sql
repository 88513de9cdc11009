-- A tag is 100 characters everywhere (platform MaxLength.TAG): the vault has always stored tags of up to 100, and a
-- deletion request must be able to name each of them. (Version 6.1 so as not to collide with another 6.)
alter table rights_request alter column tag type varchar(100);
