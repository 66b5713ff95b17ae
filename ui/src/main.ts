// Entry point of the UI: loads the app's styles and fonts and mounts the app.
import { mount } from "svelte";
import "./styles/app.css";
import "./styles/fonts.css";
import "./styles/shared.css";
import App from "./App.svelte";

const app = mount(App, { target: document.getElementById("app")! });

export default app;
