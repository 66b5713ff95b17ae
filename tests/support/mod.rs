pub mod pdf_sample;
pub mod pdf_tools;
