"""The city side of the weekly exchange, one file per job so each rule has one place: ``wards``
the register of wards, ``verify`` the checks a package passes before anything is written,
``apply`` how its records are upserted, ``importing`` the batches of a many-file import,
``status`` which packages each ward has sent and which are missing, ``summary`` what an import
says about each file."""
