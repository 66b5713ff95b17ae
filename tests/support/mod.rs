pub mod pdf_characters;
pub mod pdf_sample;
pub mod pdf_structure;
pub mod pdf_tools;
