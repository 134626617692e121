-- Saved, named queries over the registry. The criteria name codes and ranges, never a person: not PHI.
create table segment (
    id          text primary key,
    name        text        not null unique,
    criteria    jsonb       not null,
    created_at  timestamptz not null,
    created_by  text        not null
);
